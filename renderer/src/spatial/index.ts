export { initSpatialNavigation, move, focusKey, getCurrentFocusKey, doesFocusableExist, type Direction } from './navigation';
export { FocusScreen, FocusGroup, useFocusTarget, type FocusTarget, type FocusTargetOptions } from './Focusable';
