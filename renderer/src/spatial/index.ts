export { initSpatialNavigation, move, focusKey, getCurrentFocusKey, doesFocusableExist, isTextField, type Direction, type SpatialNavigationOptions } from './navigation';
export {
  FocusScreen,
  FocusGroup,
  FocusButton,
  FocusInput,
  useFocusTarget,
  revealNode,
  type FocusTarget,
  type FocusTargetOptions,
  type FocusScreenProps,
  type FocusGroupProps,
  type FocusButtonProps,
  type FocusInputProps,
  type FocusDirection,
} from './Focusable';
export { startGamepad, readActions, BUTTON, DEAD_ZONE, REPEAT_DELAY_MS, REPEAT_EVERY_MS, type GamepadEnv } from './gamepad';
