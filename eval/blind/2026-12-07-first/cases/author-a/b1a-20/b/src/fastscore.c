#include <node_api.h>
#include <ctype.h>
#include <string.h>

#define MAXLEN 4096

static int is_boundary(const char *s, size_t i) {
  if (i == 0) return 1;
  char p = s[i - 1];
  return p == '/' || p == '\\' || p == '_' || p == '-' || p == '.' || p == ' ' || isupper((unsigned char)s[i]);
}

static int score(const char *needle, const char *hay) {
  size_t nl = strlen(needle), hl = strlen(hay), j = 0;
  int s = 0, run = 0;
  for (size_t i = 0; i < hl && j < nl; i++) {
    if (tolower((unsigned char)hay[i]) == tolower((unsigned char)needle[j])) {
      run++;
      s += 1 + run * 2 + (is_boundary(hay, i) ? 8 : 0);
      j++;
    } else {
      run = 0;
    }
  }
  if (j < nl) return -1;
  return s - (int)(hl / 10);
}

static napi_value Score(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2], result;
  char needle[MAXLEN], hay[MAXLEN];
  size_t len;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc < 2) {
    napi_throw_type_error(env, NULL, "score(needle, haystack)");
    return NULL;
  }
  napi_get_value_string_utf8(env, argv[0], needle, MAXLEN, &len);
  napi_get_value_string_utf8(env, argv[1], hay, MAXLEN, &len);
  napi_create_int32(env, score(needle, hay), &result);
  return result;
}

static napi_value Init(napi_env env, napi_value exports) {
  napi_value fn;
  napi_create_function(env, "score", NAPI_AUTO_LENGTH, Score, NULL, &fn);
  napi_set_named_property(env, exports, "score", fn);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
