// Fixed-argument wrappers around libvips' variadic C API, callable from Swift.
#ifndef ECHT_CVIPSSHIM_H
#define ECHT_CVIPSSHIM_H
#include <vips/vips.h>

/// Starts libvips once; returns 0 on success.
int echt_vips_init(void);

#endif
