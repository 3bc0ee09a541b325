// `@licheng/domain/internal`: names the other @licheng packages share with the domain but that are not part of
// its public surface (see './index'). They may change in any release; adopters should not import them.

export { schoolNotRegistered } from './school/errors';
export { boundToSchool } from './shared/actor';
export { decodeWith } from './shared/decode';
export { domainError } from './shared/errors';
export { freezeDeep } from './shared/freeze';
export { produce } from './shared/immer';
export { byCodeUnits } from './shared/order';
export { countOf, emptyRecord, valuesOf } from './shared/records';
export { actorOutsideSchool } from './shared/schoolBinding';
export { backdated } from './shared/timeOrder';
export { quarantineErrors, type QuarantineErrorCode } from './quarantine/errors';
