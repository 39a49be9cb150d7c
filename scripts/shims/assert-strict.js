// node:assert/strict for the web worker (npm's assert package).
module.exports = require('assert').strict;
