// Each loss weighting's idea in one line and where it comes from: the arm picker's help (and
// the README's method table says the same). A Record over WeightingName, so a new weighting
// without a note does not compile.
import type { WeightingName } from './specMultitask.ts';

export const WEIGHTING_NOTES: Record<WeightingName, string> = {
  equal: 'the plain sum of task losses',
  static: 'your fixed weight per task',
  uncertainty: 'learned log σ² per task: noisy tasks weigh less (Kendall et al., CVPR 2018)',
  dwa: "tasks whose loss fell slowly last epoch weigh more (Liu et al., CVPR 2019)",
  gradnorm: 'learned weights equalize task gradient norms, adjusted by training rate (Chen et al., ICML 2018)',
  pcgrad: 'project away the conflicting part of each pair of task gradients (Yu et al., NeurIPS 2020)',
  mgda: 'min-norm convex combination of the task gradients (Sener & Koltun, NeurIPS 2018)',
  rlw: 'random weights softmax(N(0, I)) every step, the baseline to beat (Lin et al., TMLR 2022)',
  gls: 'the geometric mean of the task losses (Chennupati et al., CVPRW 2019)',
  'imtl-l': 'learned scales drive every scaled loss toward 1 (Liu et al., ICLR 2021)',
  famo: "balance how fast each task's log loss falls, no per-task gradients (Liu et al., NeurIPS 2023)",
  'db-mtl': "log losses, each task's averaged gradient scaled to the largest norm (Lin et al., 2023)",
  cagrad: 'best worst-task improvement within a ball around the mean gradient (Liu et al., NeurIPS 2021)',
  'nash-mtl': 'Nash bargaining between the tasks’ gradients (Navon et al., ICML 2022)',
  'aligned-mtl': 'align the task gradients to their smallest singular value (Senushkin et al., CVPR 2023)',
};
