// What the data loader decided about an experiment's data (rows dropped and why, files skipped
// and why, task types inferred, rows per class), stored with the experiment and shown wherever
// its results are, so nothing Graft decided about the data is visible only in a transient log.

export interface DataNote {
  /** The spec field of the data the note is about: "target", "source.pretrain.data", "sources[0].data". */
  data: string;
  note: string;
}
