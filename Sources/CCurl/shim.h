#ifndef CURATOR_CCURL_SHIM_H
#define CURATOR_CCURL_SHIM_H
#include <curl/curl.h>
#endif
