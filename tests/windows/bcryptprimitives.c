/* A stand-in for Windows' bcryptprimitives.dll, for wine 8 only (Windows
 * 10 and 11 have the real one; wine 8 does not, and Rust's standard
 * library imports ProcessPrng from it). A test shim, never shipped: it
 * fills the buffer from the system's random number generator through
 * advapi32's RtlGenRandom (SystemFunction036), which wine has. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
