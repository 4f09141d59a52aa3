#pragma once
// 128-bit integers for exact intermediate products (money x quantity,
// random ranges). __extension__ keeps -Wpedantic quiet about the GCC type.

namespace provsim {

__extension__ typedef __int128 int128;
__extension__ typedef unsigned __int128 uint128;

}  // namespace provsim
