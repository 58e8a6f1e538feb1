namespace CzSL.Training.Loop;

/// <summary>Shapes of the learning-rate schedule.</summary>
public enum LrScheduleKind
{
    /// <summary>The base rate throughout (the paper).</summary>
    Constant,
    /// <summary>Cosine decay from the base rate to <see cref="LrSchedule.MinFactor"/> × base over the run.</summary>
    Cosine,
    /// <summary>Multiply by <see cref="LrSchedule.Gamma"/> every <see cref="LrSchedule.StepSize"/> epochs.</summary>
    Step,
}

/// <summary>
/// Per-epoch learning-rate factor, a pure function of the epoch (so resuming from a checkpoint needs no scheduler
/// state). An optional linear warm-up ramps from 1/(warm-up+1) to 1 over the first epochs.
/// </summary>
/// <param name="Kind">Shape of the schedule.</param>
/// <param name="WarmupEpochs">Epochs of linear warm-up before the schedule starts.</param>
/// <param name="StepSize">Epochs between decays (<see cref="LrScheduleKind.Step"/>).</param>
/// <param name="Gamma">Decay factor per step (<see cref="LrScheduleKind.Step"/>).</param>
/// <param name="MinFactor">Final factor of the cosine schedule.</param>
public sealed record LrSchedule(LrScheduleKind Kind = LrScheduleKind.Constant, int WarmupEpochs = 0, int StepSize = 30, double Gamma = 0.1, double MinFactor = 0.01)
{
    /// <summary>A constant learning rate.</summary>
    public static LrSchedule Constant { get; } = new();

    /// <summary>Cosine decay to 1% of the base rate, after <paramref name="warmupEpochs"/> warm-up epochs.</summary>
    public static LrSchedule Cosine(int warmupEpochs = 0) => new(LrScheduleKind.Cosine, warmupEpochs);

    /// <summary>The factor applied to the base rate in 0-based <paramref name="epoch"/> of <paramref name="epochs"/>.</summary>
    public double Factor(int epoch, int epochs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epochs);
        if (WarmupEpochs < 0 || StepSize < 1 || !(Gamma > 0) || MinFactor is < 0 or > 1)
            throw new ArgumentException($"Invalid LrSchedule: warm-up {WarmupEpochs}, step size {StepSize}, gamma {Gamma}, min factor {MinFactor}.");
        if (epoch < WarmupEpochs) return (epoch + 1.0) / (WarmupEpochs + 1.0);
        var t = epoch - WarmupEpochs;
        var span = Math.Max(1, epochs - WarmupEpochs - 1);
        return Kind switch
        {
            LrScheduleKind.Constant => 1,
            LrScheduleKind.Cosine => MinFactor + (1 - MinFactor) * 0.5 * (1 + Math.Cos(Math.PI * Math.Min(t, span) / span)),
            LrScheduleKind.Step => Math.Pow(Gamma, t / StepSize),
            _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Unknown schedule."),
        };
    }
}
