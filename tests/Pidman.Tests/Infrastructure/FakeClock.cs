namespace Pidman.Tests.Infrastructure;

/// <summary>A clock that moves only when a test says so: supervisor rules are tested without real time passing.</summary>
public sealed class FakeClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
