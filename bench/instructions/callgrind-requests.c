/*
 * Callgrind client requests for the instruction-count benchmark, as a Node-API addon: the
 * measured app switches instrumentation on, zeroes the counters and dumps them at the edges of
 * its measured window (valgrind docs: "Callgrind: client request reference"). Outside valgrind
 * each request is a handful of no-op instructions, so the app runs natively too.
 * Built by bench/instructions/callgrind-addon.mjs with gcc against the running Node's headers.
 */
#include <node_api.h>
#include <valgrind/valgrind.h>
#include <valgrind/callgrind.h>

static napi_value start_instrumentation(napi_env env, napi_callback_info info) {
  (void)env;
  (void)info;
  CALLGRIND_START_INSTRUMENTATION;
  return NULL;
}

static napi_value zero_stats(napi_env env, napi_callback_info info) {
  (void)env;
  (void)info;
  CALLGRIND_ZERO_STATS;
  return NULL;
}

/* dumpStats(name): writes a dump named `name` (callgrind numbers dumps .1, .2, ...). */
static napi_value dump_stats(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  char name[128] = "window";
  size_t length = 0;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) == napi_ok && argc == 1) {
    napi_get_value_string_utf8(env, argv[0], name, sizeof name, &length);
  }
  CALLGRIND_DUMP_STATS_AT(name);
  return NULL;
}

static napi_value on_valgrind(napi_env env, napi_callback_info info) {
  napi_value result;
  (void)info;
  napi_get_boolean(env, RUNNING_ON_VALGRIND != 0, &result);
  return result;
}

NAPI_MODULE_INIT() {
  napi_property_descriptor functions[] = {
    { "startInstrumentation", NULL, start_instrumentation, NULL, NULL, NULL, napi_default, NULL },
    { "zeroStats", NULL, zero_stats, NULL, NULL, NULL, napi_default, NULL },
    { "dumpStats", NULL, dump_stats, NULL, NULL, NULL, napi_default, NULL },
    { "onValgrind", NULL, on_valgrind, NULL, NULL, NULL, napi_default, NULL },
  };
  napi_define_properties(env, exports, sizeof functions / sizeof functions[0], functions);
  return exports;
}
