#ifndef BP_VERSION_H
#define BP_VERSION_H
#define BIENPHONG_VERSION "0.1.0"
#endif
