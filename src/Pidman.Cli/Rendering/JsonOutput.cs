using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Pidman.Cli.Rendering;

/// <summary>Writes one JSON document to stdout.</summary>
internal static class JsonOutput
{
    public static void Write<T>(T value, JsonTypeInfo<T> type)
    {
        using var stdout = Console.OpenStandardOutput();
        JsonSerializer.Serialize(stdout, value, type);
        stdout.WriteByte((byte)'\n');
    }
}
