// libdeflate (Debian package libdeflate-dev): whole-buffer DEFLATE/zlib compression and CRC-32,
// used by EchtImaging's PNG writer.
#include <libdeflate.h>
