#ifndef CURATOR_CEDITLINE_SHIM_H
#define CURATOR_CEDITLINE_SHIM_H
// BSD libedit from Debian's libedit-dev: line editing and history for the chat.
#include <stdio.h>
#include <editline/readline.h>
#endif
