/** Renderer entry: one React root, fed the bridge for this window. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { getBridge } from './bridge';
import { forwardPageErrors, reportError } from './errors';
import { initSpatialNavigation, startGamepad } from './spatial';
import './styles/index.css';

const root = document.getElementById('root');
if (!root) throw new Error('couchside: #root is missing from index.html');

const bridge = getBridge();
// Errors nobody handled reach the host's log (main.log in Electron, web-host.log in the web host).
forwardPageErrors(bridge);

// Arrow keys (and a gamepad) move one focus across the screen on top.
initSpatialNavigation();
startGamepad();

createRoot(root, {
  onUncaughtError: (error) => reportError(bridge, 'react', error),
  onCaughtError: (error) => reportError(bridge, 'react', error),
}).render(
  <StrictMode>
    <App bridge={bridge} />
  </StrictMode>,
);
