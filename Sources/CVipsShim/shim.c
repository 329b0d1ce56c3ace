#include "CVipsShim.h"

int echt_vips_init(void) {
    return VIPS_INIT("echt");
}
