export { BaselineError, InvalidMeasurementError, SketchFormatError } from "./errors";
export { DEFAULT_SKETCH_OPTIONS, QuantileSketch, type EncodedSketch, type SketchOptions } from "./quantile-sketch";
export { DEFAULT_ROLLING_OPTIONS, mergePartials, minuteOf, RollingSketches, type RollingOptions, type RollingSnapshot } from "./rolling-sketches";
export { baselineKey, peerGroupOf, sizeBandOf, type PeerGroupFacts } from "./peer-group";
export { DEFAULT_JUDGEMENT_OPTIONS, judgeAgainstPeers, type JudgementOptions, type PeerJudgement, type SignalPrior } from "./peer-judgement";
