namespace CzSL.Training.Loop;

/// <summary>What one epoch measured (a row of the training curve).</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean training loss over the epoch's samples (with augmentation and dropout).</param>
/// <param name="ValLoss">Mean validation loss, or null without a validation set.</param>
/// <param name="ValMetric">Validation metric (accuracy, G-mean, …; higher is better), or null.</param>
/// <param name="LearningRate">Base learning rate of the epoch (after the schedule).</param>
/// <param name="Seconds">Wall time of the epoch, validation included.</param>
/// <param name="ImagesPerSecond">Training throughput (training pass only).</param>
public sealed record EpochRecord(int Epoch, double TrainLoss, double? ValLoss, double? ValMetric, double LearningRate, double Seconds, double ImagesPerSecond);

/// <summary>Progress of one training stage after an epoch.</summary>
/// <param name="Stage">Stage name ("autoencoder", "classifier", …).</param>
/// <param name="Epoch">1-based epoch just finished.</param>
/// <param name="Epochs">Maximum epochs.</param>
/// <param name="Record">The epoch's measurements.</param>
/// <param name="Improved">Whether this epoch is the best so far on the monitored validation quantity.</param>
/// <param name="Elapsed">Time since the stage started (this process).</param>
/// <param name="Eta">Estimated time to the last epoch at the mean epoch time so far.</param>
public sealed record EpochReport(string Stage, int Epoch, int Epochs, EpochRecord Record, bool Improved, TimeSpan Elapsed, TimeSpan Eta);

/// <summary>The outcome of a training run.</summary>
/// <param name="History">One record per epoch trained (including epochs restored from a checkpoint).</param>
/// <param name="BestEpoch">1-based epoch whose weights the model holds at the end (the last epoch without validation or restore).</param>
/// <param name="StoppedEarly">Whether early stopping ended the run before the last epoch.</param>
/// <param name="ResumedFromEpoch">The epoch a checkpoint resumed after (0 when the run started fresh).</param>
public sealed record TrainingResult(IReadOnlyList<EpochRecord> History, int BestEpoch, bool StoppedEarly, int ResumedFromEpoch);
