// The web worker has no process; mocha's browser build and npm assert read it.
export { default as process } from 'process/browser.js';
