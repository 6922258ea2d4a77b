/** Renderer entry: one React root, fed the bridge for this window. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { getBridge } from './bridge';
import { initSpatialNavigation, startGamepad } from './spatial';
import './styles/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('couchside: #root is missing from index.html');

// Arrow keys (and a gamepad) move one focus across the screen on top.
initSpatialNavigation();
startGamepad();

createRoot(root).render(
  <StrictMode>
    <App bridge={getBridge()} />
  </StrictMode>,
);
