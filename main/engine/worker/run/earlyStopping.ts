// Early stopping, one rule for every kind (run/epochLoop.ts applies it): stop once the watched
// validation loss has not improved for `patience` epochs, unless the last epoch is done anyway.
// LoopState names its fields as ValLossWatch does, so the loop updates its state in place.

export interface ValLossWatch {
  /** Lowest validation loss so far; +Infinity before the first epoch. */
  bestValLoss: number;
  /** Epochs since that lowest loss (0 when this epoch set it). */
  epochsSinceBest: number;
}

/** The watch after an epoch whose validation loss was valLoss; a NaN loss counts as no improvement. */
export function watchEpoch(watch: ValLossWatch, valLoss: number): ValLossWatch {
  return valLoss < watch.bestValLoss
    ? { bestValLoss: valLoss, epochsSinceBest: 0 }
    : { bestValLoss: watch.bestValLoss, epochsSinceBest: watch.epochsSinceBest + 1 };
}

/** Whether to stop after epochsDone of epochs: patience set and used up, and epochs left to skip. */
export function shouldStopEarly(watch: ValLossWatch, patience: number | undefined, epochsDone: number, epochs: number): boolean {
  return patience !== undefined && watch.epochsSinceBest >= patience && epochsDone < epochs;
}
