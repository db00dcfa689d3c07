/* What lwIP includes as <string.h>: the kernel's string functions (kernel/lib/kstring.h). */
#include "../../lib/kstring.h"
