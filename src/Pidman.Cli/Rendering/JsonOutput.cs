using System.Text.Json;

namespace Pidman.Cli.Rendering;

/// <summary>Writes one indented JSON document to stdout.</summary>
internal static class JsonOutput
{
    public static void Write(Action<Utf8JsonWriter> body)
    {
        using var stdout = Console.OpenStandardOutput();
        using (var json = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true }))
            body(json);
        stdout.WriteByte((byte)'\n');
    }
}
