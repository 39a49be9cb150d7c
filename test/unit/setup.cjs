// Loaded by mocha before the tests (.mocharc.json "require").
// Mocha sets Error.stackTraceLimit = Infinity so failures show whole stacks. The YAML parser
// creates an Error object for every problem it meets, and with an unlimited limit each one
// captures the whole (async) stack: the "never throws" test's pathological front matter then
// takes tens of seconds instead of under one, and gets slower the more tests run before it.
// Fifty frames are plenty for a failure message.
Error.stackTraceLimit = 50;
