#include <astra/astra.h>

#include "../internal/startup.h"
#include "../internal/syscall.h"

int sys_getpagesize(void)
{
    unsigned long size = astra_getauxval(ASTRA_AT_PAGESZ);
    return size ? (int)size : (int)ASTRA_PAGE_SIZE;
}
