#ifndef CURATOR_CBLAS_SHIM_H
#define CURATOR_CBLAS_SHIM_H
// OpenBLAS from Debian's libopenblas-dev; pkg-config `openblas` supplies the include path.
#include <cblas.h>
#endif
