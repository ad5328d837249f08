// `node --import ./register.js app.js` from a clone of this repository.
// The build (run by `npm install`) puts the compiled entry in dist/.
import './dist/register.js';
