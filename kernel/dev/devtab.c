/* /dev, made from the device table (devtab.h) when the file system starts. */
#include <astra/abi.h>

#include "fs/vfs.h"

#define DEVICE(name, perm, ops) extern const struct file_ops ops;
#include "dev/devtab.h"
#undef DEVICE

void devfs_populate(struct inode *dev)
{
#define DEVICE(name, perm, ops) vfs_make_node(dev, name, perm, &ops);
#include "dev/devtab.h"
#undef DEVICE
}
