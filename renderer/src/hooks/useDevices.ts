/**
 * The account's devices, kept fresh: fetched when the screen opens (through the one data hook,
 * useResult) and quietly again whenever the service says the list changed. A background refresh
 * keeps the list on screen (and focus where it is); only the first load and "Try again" show the
 * loading state.
 */
import { useEffect } from 'react';
import type { CouchsideBridge, DeviceSummary } from '../../../shared/bridge';
import { useResult, type Query } from './useResult';

export function useDevices(bridge: CouchsideBridge): Query<DeviceSummary[]> {
  const devices = useResult('devices', () => bridge.listDevices());
  const { refresh } = devices;
  useEffect(() => bridge.onDevicesChanged(refresh), [bridge, refresh]);
  return devices;
}
