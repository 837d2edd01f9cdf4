export { scoreRow, scorerLabels, scorerProblem, type RowScores, type ScoredRow, type ScoringDeps } from './scorers';
export { valueAt } from './compare';
