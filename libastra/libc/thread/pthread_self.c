#include "../internal/libc.h"

pthread_t pthread_self(void) { return (pthread_t)astra_self(); }

int pthread_equal(pthread_t a, pthread_t b) { return a == b; }
