// CPrefetch is a header-only module (CPrefetch.h); SwiftPM needs one source file per C target.
#include "CPrefetch.h"
