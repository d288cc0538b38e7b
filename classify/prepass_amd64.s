//go:build !purego

#include "textflag.h"

// BYTES32 defines name as 32 bytes, the eight-byte word v four times: a
// byte constant in every lane of a vector operand.
#define BYTES32(name, v) \
	DATA name<>+0(SB)/8, v; \
	DATA name<>+8(SB)/8, v; \
	DATA name<>+16(SB)/8, v; \
	DATA name<>+24(SB)/8, v; \
	GLOBL name<>(SB), RODATA|NOPTR, $32

BYTES32(fold, $0x2020202020202020)
BYTES32(lowerA, $0x6161616161616161)
BYTES32(pct, $0x2525252525252525)
BYTES32(bslash, $0x5C5C5C5C5C5C5C5C)
BYTES32(five, $0x0505050505050505)

// Broadcast to every dword lane; byte constants repeat in each byte.
DATA consts<>+0(SB)/4, $0x00202020  // case fold of a head's three bytes
DATA consts<>+4(SB)/4, $0x3779B100  // headHash multiplier
DATA consts<>+8(SB)/4, $0x000000FF
DATA consts<>+12(SB)/4, $0x30303030 // '0'
DATA consts<>+16(SB)/4, $0x09090909
DATA consts<>+20(SB)/4, $0x41414141 // 'A'
DATA consts<>+24(SB)/4, $0x19191919 // 'Z'-'A'
DATA consts<>+28(SB)/4, $0xC0C0C0C0 // UTF-8 lead bytes and up
DATA consts<>+32(SB)/4, $0x2D2D2D2D // '-', and '.' just after it
DATA consts<>+36(SB)/4, $0x01010101
DATA consts<>+40(SB)/4, $0x3A3A3A3A // ':'
DATA consts<>+44(SB)/4, $0x40404040 // '@'
GLOBL consts<>(SB), RODATA|NOPTR, $48

// HEADS leaves in Y2 the keyword-head table's bytes for the positions
// off, off+4, …, off+28 of the block at SI, each shifted left by shift in
// its dword lane: the hash of a dword's three low bytes, case-folded, is
// headHash, and the gather reads four bytes of the table at it.
#define HEADS(off, shift) \
	VMOVDQU off(SI), Y0; \
	VPOR Y15, Y0, Y0; \
	VPMULLD Y14, Y0, Y0; \
	VPSRLD $17, Y0, Y0; \
	VPCMPEQD Y1, Y1, Y1; \
	VPXOR Y2, Y2, Y2; \
	VPGATHERDD Y1, (DI)(Y0*1), Y2; \
	VPAND Y13, Y2, Y2; \
	VPSLLD $shift, Y2, Y2

// func prepassWorkAVX2(text *byte, full int, pad *byte, npad int, heads *byte, caps *uint32, carry *uint32, base int, out *blockWork) int
//
// For each 32-byte block of text (full of them), then of pad (npad), bit
// k of a mask standing for byte k: stores the capitals (upperOrLead) as
// the next 32-bit word of caps, and, for a block with an anchor or a
// keyword head, appends to out its number (base, base+1, …) and the masks
// kw (the keyword-head table holds 1 at the hash of the three bytes from
// k: headHash on dwords whose fourth byte the multiplier shifts out) and
// am: digits, '@', '%', '\\', and '-', '.', ':' with a hex digit before and
// a hex digit or one of them after. carry holds, in and out, whether the
// byte before the first block is a hex digit. Reads 32 bytes from each
// block's second and 3 bytes past each run of blocks, and heads up to 3
// bytes past the last index a hash can take. Returns the bytes of out
// written. One call does both runs: for a short field, setting up costs
// as much as a block.
TEXT ·prepassWorkAVX2(SB), NOSPLIT, $0-80
	MOVQ text+0(FP), SI
	MOVQ full+8(FP), CX
	MOVQ heads+32(FP), DI
	MOVQ caps+40(FP), R10
	MOVQ carry+48(FP), AX
	MOVL 0(AX), R14 // the byte before is a hex digit
	MOVQ base+56(FP), R12
	MOVQ out+64(FP), DX

	VPBROADCASTD consts<>+0(SB), Y15
	VPBROADCASTD consts<>+4(SB), Y14
	VPBROADCASTD consts<>+8(SB), Y13
	VPBROADCASTD consts<>+12(SB), Y12
	VPBROADCASTD consts<>+16(SB), Y11
	VPBROADCASTD consts<>+20(SB), Y10
	VPBROADCASTD consts<>+24(SB), Y9
	VPBROADCASTD consts<>+28(SB), Y8
	VPBROADCASTD consts<>+32(SB), Y7
	VPBROADCASTD consts<>+36(SB), Y6
	VPBROADCASTD consts<>+40(SB), Y5
	VPBROADCASTD consts<>+44(SB), Y4

	TESTQ CX, CX
	JZ tail

loop:
	// Keyword heads: the dword lanes of the load at offset j are the
	// positions j, j+4, …, j+28; the table's byte (0 or 1) goes to the
	// top bit of byte j of the lane, which is byte 4*lane+j of the block.
	HEADS(0, 7)
	VMOVDQA Y2, Y3
	HEADS(1, 15)
	VPOR Y2, Y3, Y3
	HEADS(2, 23)
	VPOR Y2, Y3, Y3
	HEADS(3, 31)
	VPOR Y2, Y3, Y3
	VPMOVMSKB Y3, AX // kw

	// Byte classes: x-c <= r, unsigned, where min(x-c, r) == x-c.
	VMOVDQU 0(SI), Y0
	VPSUBB Y12, Y0, Y1
	VPMINUB Y11, Y1, Y2
	VPCMPEQB Y1, Y2, Y2 // digits

	VPCMPEQB Y4, Y0, Y1 // '@'
	VPOR Y2, Y1, Y1
	VPCMPEQB pct<>(SB), Y0, Y3 // '%' and '\\', for findEscaped
	VPOR Y3, Y1, Y1
	VPCMPEQB bslash<>(SB), Y0, Y3
	VPOR Y3, Y1, Y1
	VPMOVMSKB Y1, R9 // am, separators to come

	VPOR fold<>(SB), Y0, Y1
	VPSUBB lowerA<>(SB), Y1, Y1
	VPMINUB five<>(SB), Y1, Y3
	VPCMPEQB Y1, Y3, Y3 // 'a'-'f', 'A'-'F'
	VPOR Y2, Y3, Y3
	VPMOVMSKB Y3, BX // hex

	VPSUBB Y7, Y0, Y1
	VPMINUB Y6, Y1, Y3
	VPCMPEQB Y1, Y3, Y3 // '-', '.'
	VPCMPEQB Y5, Y0, Y1
	VPOR Y1, Y3, Y3 // ':'
	VPMOVMSKB Y3, R8 // sep

	VPSUBB Y10, Y0, Y1
	VPMINUB Y9, Y1, Y2
	VPCMPEQB Y1, Y2, Y2 // 'A'-'Z'
	VPMAXUB Y8, Y0, Y3
	VPCMPEQB Y0, Y3, Y3 // >= 0xC0
	VPOR Y3, Y2, Y2
	VPMOVMSKB Y2, R15
	MOVL R15, (R10)

	// The byte after each: a hex digit or a separator.
	VMOVDQU 1(SI), Y0
	VPSUBB Y12, Y0, Y1
	VPMINUB Y11, Y1, Y2
	VPCMPEQB Y1, Y2, Y2
	VPOR fold<>(SB), Y0, Y1
	VPSUBB lowerA<>(SB), Y1, Y1
	VPMINUB five<>(SB), Y1, Y3
	VPCMPEQB Y1, Y3, Y3
	VPOR Y3, Y2, Y2
	VPSUBB Y7, Y0, Y1
	VPMINUB Y6, Y1, Y3
	VPCMPEQB Y1, Y3, Y3
	VPOR Y3, Y2, Y2
	VPCMPEQB Y5, Y0, Y1
	VPOR Y1, Y2, Y2
	VPMOVMSKB Y2, R15

	// A separator anchors between a hex digit and a hex digit or another
	// separator: a full stop or a hyphen in prose does not.
	ANDL R15, R8
	MOVL BX, R15
	SHLL $1, R15
	ORL R14, R15
	ANDL R15, R8
	ORL R8, R9
	SHRL $31, BX
	MOVL BX, R14

	// The entry is written whatever the block holds and kept only when
	// it holds something: half of a chat record's blocks do, and a branch
	// on it would be guessed wrong half of the time.
	MOVL R12, 0(DX)
	MOVL AX, 4(DX)
	MOVL R9, 8(DX)
	XORL BX, BX
	ORL AX, R9
	SETNE BX
	LEAQ (BX)(BX*2), BX
	LEAQ (DX)(BX*4), DX

	INCQ R12
	ADDQ $4, R10
	ADDQ $32, SI
	DECQ CX
	JNZ loop

tail:
	MOVQ npad+24(FP), CX
	TESTQ CX, CX
	JZ done
	MOVQ pad+16(FP), SI
	MOVQ $0, npad+24(FP)
	JMP loop

done:
	MOVQ carry+48(FP), AX
	MOVL R14, 0(AX)
	SUBQ out+64(FP), DX
	MOVQ DX, ret+72(FP)
	VZEROUPPER
	RET
