#include "../internal/libc.h"

char **__environ;
extern char **environ __attribute__((alias("__environ")));
