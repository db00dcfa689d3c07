/* What lwIP includes as <string.h>: the kernel's string functions (kernel/kstring.h). */
#include "../../kstring.h"
