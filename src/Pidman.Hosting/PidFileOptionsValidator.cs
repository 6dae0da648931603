using Microsoft.Extensions.Options;
using Pidman.PidFiles;

namespace Pidman.Hosting;

/// <summary>
/// Checks the options when the host starts (ValidateOnStart), whether they came from code or from configuration, and
/// names the key at fault as configuration spells it (<c>PidFile:Type</c>), so a typo in appsettings.json fails the
/// start with its name rather than with a PID file written somewhere unexpected.
/// </summary>
internal sealed class PidFileOptionsValidator : IValidateOptions<PidFileOptions>
{
    public ValidateOptionsResult Validate(string? name, PidFileOptions options)
    {
        var failures = new List<string>();
        if (!PidFileName.IsValidService(options.Service))
            failures.Add($"AddPidFile: invalid service name '{options.Service}': use 1-64 characters from A-Z a-z 0-9 . _ -, starting with a letter or digit");
        if (!PidFileName.IsValidType(options.Type))
            failures.Add($"{PidFileOptions.Section}:Type: invalid PID type '{options.Type}': use 1-32 characters from a-z 0-9 -, starting with a letter (no underscore)");
        if (options.Directory is "")
            failures.Add($"{PidFileOptions.Section}:Directory: empty; leave it out to find the directory as the pidman CLI does");
        if (options.StopTimeout is { } t && (t <= TimeSpan.Zero || t >= TimeSpan.FromDays(1)))
            failures.Add($"{PidFileOptions.Section}:StopTimeout: {t} is not more than 0 and less than a day");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
