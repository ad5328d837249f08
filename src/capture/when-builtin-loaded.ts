import { registerHooks } from 'node:module';

/**
 * Calls `onLoad` with a Node builtin module once something in the process loads it, or now if
 * that already happened; returns a function that cancels the wait. Why: importing `node:http2`
 * to wrap it costs about a quarter of register's start-up (it brings tls, crypto and net with
 * it, ~100M instructions), and most apps never use it.
 *
 * Loads are seen by an in-thread resolve hook (`module.registerHooks`, Node 22.15 and 24), which
 * runs for `import` and `require` alike before the importer gets the module, so the importer gets
 * it wrapped. `process.getBuiltinModule()` resolves no specifier: a module first reached that way
 * is seen only at its next import or require.
 */
export function whenBuiltinLoaded<T>(name: string, onLoad: (module: T) => void): () => void {
  const url = `node:${name}`;
  // Node's list of the builtins loaded so far (not in its types); without it, load the module now.
  const loaded = (process as unknown as { moduleLoadList?: readonly string[] }).moduleLoadList;
  if (!loaded || loaded.includes(`NativeModule ${name}`)) {
    onLoad(process.getBuiltinModule(url) as T);
    return () => {};
  }
  let waiting = true;
  const hooks = registerHooks({
    resolve(specifier, context, nextResolve) {
      const resolved = nextResolve(specifier, context);
      if (waiting && resolved.url === url) {
        stop();
        onLoad(process.getBuiltinModule(url) as T);
      }
      return resolved;
    },
  });
  function stop(): void {
    if (!waiting) return;
    waiting = false;
    hooks.deregister();
  }
  return stop;
}
