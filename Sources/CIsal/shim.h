// ISA-L (Debian package libisal-dev): Intel's igzip whole-buffer DEFLATE/zlib compression and
// CRC-32, used by EchtImaging's PNG writer.
#include <isa-l/igzip_lib.h>
#include <isa-l/crc.h>

// The working memory igzip wants for compression `level` (0...3); its macros are not Swift constants.
static inline unsigned int echt_isal_level_buffer_size(int level) {
    switch (level) {
    case 0: return ISAL_DEF_LVL0_DEFAULT;
    case 1: return ISAL_DEF_LVL1_DEFAULT;
    case 2: return ISAL_DEF_LVL2_DEFAULT;
    default: return ISAL_DEF_LVL3_DEFAULT;
    }
}
