//go:build !purego

#include "textflag.h"

DATA fold<>+0(SB)/8, $0x2020202020202020
DATA fold<>+8(SB)/8, $0x2020202020202020
DATA fold<>+16(SB)/8, $0x2020202020202020
DATA fold<>+24(SB)/8, $0x2020202020202020
GLOBL fold<>(SB), RODATA|NOPTR, $32

DATA lowerA<>+0(SB)/8, $0x6161616161616161
DATA lowerA<>+8(SB)/8, $0x6161616161616161
DATA lowerA<>+16(SB)/8, $0x6161616161616161
DATA lowerA<>+24(SB)/8, $0x6161616161616161
GLOBL lowerA<>(SB), RODATA|NOPTR, $32

DATA five<>+0(SB)/8, $0x0505050505050505
DATA five<>+8(SB)/8, $0x0505050505050505
DATA five<>+16(SB)/8, $0x0505050505050505
DATA five<>+24(SB)/8, $0x0505050505050505
GLOBL five<>(SB), RODATA|NOPTR, $32

// func prepassMasksAVX2(text *byte, nblocks int, heads *byte, out *blockMask)
//
// For each 32-byte block of text, writes a blockMask: bit k of each mask
// stands for byte k of the block. kw: the keyword-head table holds 1 at the
// hash of the three bytes from k (headHash, computed on dwords whose fourth
// byte the multiplier shifts out). anchor: digits and '@'; caps:
// upperOrLead's bytes; digit; sep: '-', '.', ':'; hex: hex digits. Reads
// text up to 32*nblocks+3 bytes and heads up to 3 bytes past the last
// index a hash can take.
TEXT ·prepassMasksAVX2(SB), NOSPLIT, $0-32
	MOVQ text+0(FP), SI
	MOVQ nblocks+8(FP), CX
	MOVQ heads+16(FP), DI
	MOVQ out+24(FP), DX

	MOVL $0x00202020, AX
	VMOVD AX, X15
	VPBROADCASTD X15, Y15 // case fold of a head's three bytes
	MOVL $0x3779B100, AX
	VMOVD AX, X14
	VPBROADCASTD X14, Y14 // headHash multiplier
	MOVL $0x000000FF, AX
	VMOVD AX, X13
	VPBROADCASTD X13, Y13
	MOVL $0x30303030, AX // '0'
	VMOVD AX, X12
	VPBROADCASTD X12, Y12
	MOVL $0x09090909, AX
	VMOVD AX, X11
	VPBROADCASTD X11, Y11
	MOVL $0x41414141, AX // 'A'
	VMOVD AX, X10
	VPBROADCASTD X10, Y10
	MOVL $0x19191919, AX // 'Z'-'A'
	VMOVD AX, X9
	VPBROADCASTD X9, Y9
	MOVL $0xC0C0C0C0, AX // UTF-8 lead bytes and up
	VMOVD AX, X8
	VPBROADCASTD X8, Y8
	MOVL $0x2D2D2D2D, AX // '-', and '.' just after it
	VMOVD AX, X7
	VPBROADCASTD X7, Y7
	MOVL $0x01010101, AX
	VMOVD AX, X6
	VPBROADCASTD X6, Y6
	MOVL $0x3A3A3A3A, AX // ':'
	VMOVD AX, X5
	VPBROADCASTD X5, Y5
	MOVL $0x40404040, AX // '@'
	VMOVD AX, X4
	VPBROADCASTD X4, Y4

	TESTQ CX, CX
	JZ done

loop:
	// Keyword heads: the dword lanes of the load at offset j are the
	// positions j, j+4, …, j+28; the table's byte (0 or 1) goes to the
	// top bit of byte j of the lane, which is byte 4*lane+j of the block.
	VMOVDQU 0(SI), Y0
	VPOR Y15, Y0, Y0
	VPMULLD Y14, Y0, Y0
	VPSRLD $17, Y0, Y0
	VPCMPEQD Y1, Y1, Y1
	VPXOR Y2, Y2, Y2
	VPGATHERDD Y1, (DI)(Y0*1), Y2
	VPAND Y13, Y2, Y2
	VPSLLD $7, Y2, Y3

	VMOVDQU 1(SI), Y0
	VPOR Y15, Y0, Y0
	VPMULLD Y14, Y0, Y0
	VPSRLD $17, Y0, Y0
	VPCMPEQD Y1, Y1, Y1
	VPXOR Y2, Y2, Y2
	VPGATHERDD Y1, (DI)(Y0*1), Y2
	VPAND Y13, Y2, Y2
	VPSLLD $15, Y2, Y2
	VPOR Y2, Y3, Y3

	VMOVDQU 2(SI), Y0
	VPOR Y15, Y0, Y0
	VPMULLD Y14, Y0, Y0
	VPSRLD $17, Y0, Y0
	VPCMPEQD Y1, Y1, Y1
	VPXOR Y2, Y2, Y2
	VPGATHERDD Y1, (DI)(Y0*1), Y2
	VPAND Y13, Y2, Y2
	VPSLLD $23, Y2, Y2
	VPOR Y2, Y3, Y3

	VMOVDQU 3(SI), Y0
	VPOR Y15, Y0, Y0
	VPMULLD Y14, Y0, Y0
	VPSRLD $17, Y0, Y0
	VPCMPEQD Y1, Y1, Y1
	VPXOR Y2, Y2, Y2
	VPGATHERDD Y1, (DI)(Y0*1), Y2
	VPAND Y13, Y2, Y2
	VPSLLD $31, Y2, Y2
	VPOR Y2, Y3, Y3

	VPMOVMSKB Y3, AX
	MOVL AX, 0(DX)

	// Byte classes: x-c <= r, unsigned, where min(x-c, r) == x-c.
	VMOVDQU 0(SI), Y0
	VPSUBB Y12, Y0, Y1
	VPMINUB Y11, Y1, Y2
	VPCMPEQB Y1, Y2, Y2 // digits
	VPMOVMSKB Y2, BX
	MOVL BX, 12(DX)

	VPSUBB Y7, Y0, Y1
	VPMINUB Y6, Y1, Y3
	VPCMPEQB Y1, Y3, Y3 // '-', '.'
	VPCMPEQB Y5, Y0, Y1
	VPOR Y1, Y3, Y3 // ':'
	VPMOVMSKB Y3, AX
	MOVL AX, 16(DX)

	VPCMPEQB Y4, Y0, Y1 // '@'
	VPOR Y2, Y1, Y1
	VPMOVMSKB Y1, AX
	MOVL AX, 4(DX)

	VPOR fold<>(SB), Y0, Y1
	VPSUBB lowerA<>(SB), Y1, Y1
	VPMINUB five<>(SB), Y1, Y3
	VPCMPEQB Y1, Y3, Y3 // 'a'-'f', 'A'-'F'
	VPOR Y2, Y3, Y3
	VPMOVMSKB Y3, AX
	MOVL AX, 20(DX)

	VPSUBB Y10, Y0, Y1
	VPMINUB Y9, Y1, Y2
	VPCMPEQB Y1, Y2, Y2 // 'A'-'Z'
	VPMAXUB Y8, Y0, Y3
	VPCMPEQB Y0, Y3, Y3 // >= 0xC0
	VPOR Y3, Y2, Y2
	VPMOVMSKB Y2, AX
	MOVL AX, 8(DX)

	ADDQ $32, SI
	ADDQ $24, DX
	DECQ CX
	JNZ loop

done:
	VZEROUPPER
	RET
