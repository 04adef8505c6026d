// The monitor's rollout model: pure functions of plain API objects. No I/O, no React, no client-node.
export {type Budget, type Scale, type Strategy, resolveBudget, resolveFenceposts, scaleIntOrPercent, scaledValue} from './budget.js';
export {type RolloutStatus, type RolloutStatusOptions, findCondition, rolloutStatus} from './status-message.js';
export {type ConditionView, type ReplicaSetView, type RolloutPhase, type RolloutProgress, rolloutPhase, rolloutProgress, rolloutProgressFrom} from './progress.js';
export {type DeploymentState, type DeploymentSummary, deploymentState, deploymentSummary} from './deployment-state.js';
export {humanDuration, podReadyText, podRestarts, podStatusText} from './pod-status.js';
export {goneState, mergeTransitions, nextTransitions, podLifecycle} from './transitions.js';
export {type RevisionRow, historyText, replicaSetRevision, revisionHistory, revisionHistoryFrom} from './history.js';
export {type JsonPatchOperation, type UndoTarget, undoPatch, undoTarget} from './undo.js';
export {type ServiceTraffic, type TrafficGroup, type TrafficGrouping, type TrafficInput, trafficShare} from './traffic.js';
export {type RolloutWarning, type WarningCode, type WarningLevel, rolloutWarnings, rolloutWarningsFrom, stuckReason} from './warnings.js';
export {EVENT_WARNING_WINDOW_MS, eventWarning} from './warning-events.js';
export {isControlledBy, matchesSelector, ownedReplicaSets, podsOf, revisionOf, templateImages, timeOf} from './ownership.js';
export {equalIgnoreHash, findNewReplicaSet} from './template-equal.js';
export {type FailingKind, type OwnerTally, type PodTally, earliestCreation, failingPods, sumOf, tallyAdd, tallyOf, tallyRemove} from './pod-tally.js';
