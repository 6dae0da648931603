using System.Text;
using System.Text.Json;

namespace Pidman.PidFiles;

/// <summary>
/// How a one-shot job's last run ended, kept beside its identity record (<c>.pidman/&lt;stem&gt;.done</c>) until the job
/// is stopped or the stack goes down: what <c>status</c> shows of a job that has no process any more, and what tells
/// <c>start</c> and <c>restart</c> that it has done its work since (a migration is not run again behind the user's back).
/// Void after a reboot, as identity records are.
/// </summary>
/// <param name="ExitCode">The job's exit code.</param>
/// <param name="At">When it ended.</param>
/// <param name="BootId">The boot it ran in.</param>
internal sealed record JobCompletion(int ExitCode, DateTimeOffset At, string BootId)
{
    /// <summary>The file name for instance <paramref name="stem"/>.</summary>
    internal static string FileName(string stem) => stem + ".done";

    internal byte[] ToJson() => Encoding.UTF8.GetBytes($"{{\"exit_code\":{ExitCode},\"at\":\"{At.UtcDateTime:O}\",\"boot_id\":\"{BootId}\"}}\n");

    /// <summary>The completion in <paramref name="utf8"/>, or null when malformed.</summary>
    internal static JobCompletion? FromJson(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            int? code = null;
            DateTimeOffset? at = null;
            string? boot = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader;
                reader.Read();
                if (key.ValueTextEquals("exit_code"u8)) code = reader.GetInt32();
                else if (key.ValueTextEquals("at"u8)) at = reader.GetDateTimeOffset();
                else if (key.ValueTextEquals("boot_id"u8)) boot = reader.GetString();
                else reader.Skip();
            }
            return code is int c && at is { } a && boot is not null ? new JobCompletion(c, a, boot) : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
