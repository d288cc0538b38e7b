//go:build !purego

#include "textflag.h"
#include "go_asm.h"
#include "finders_amd64.h"

// CAPSAT leaves in BX the 64 bits of the capital marks from the place in
// reg on (bit 0 for that place). It reads the word after the place's, which
// the marks keep spare at their end. Clobbers AX and CX.
#define CAPSAT(reg) \
	MOVQ reg, CX; \
	SHRQ $6, CX; \
	MOVQ (DI)(CX*8), BX; \
	MOVQ 8(DI)(CX*8), AX; \
	MOVQ reg, CX; \
	SHRQ CX, AX, BX

// func sieveAVX2(text *byte, caps *uint64, lo, hi int, starts *int32, n int, nogate int) int
//
// sieveGo in assembly: keeps, in place, the runs of digits of starts
// (n of them) where an address may start, and returns how many it kept.
// The tests are sieveGo's, in the same order; a vector compare of the
// 32 bytes at a run gives its digits and the lower-case letters after
// it, and one of the 16 bytes before it the spaces there.
//
// Registers: SI text, DI caps, R9 lo, R10 hi, R11 the next start to read,
// R12 the end of starts, R13 the next place to keep one, R14 nogate, DX
// the run, R15 its length; Y15 '0', Y14 9, Y13 'a', Y12 25 and Y11 ' ' in
// every byte.
TEXT ·sieveAVX2(SB), NOSPLIT, $0-64
	MOVQ text+0(FP), SI
	MOVQ caps+8(FP), DI
	MOVQ lo+16(FP), R9
	MOVQ hi+24(FP), R10
	MOVQ starts+32(FP), R11
	MOVQ n+40(FP), R12
	LEAQ (R11)(R12*4), R12
	MOVQ R11, R13
	MOVQ nogate+48(FP), R14

	BROADCASTB(0x30, X15, Y15)
	BROADCASTB(9, X14, Y14)
	BROADCASTB(0x61, X13, Y13)
	BROADCASTB(25, X12, Y12)
	BROADCASTB(0x20, X11, Y11)

loop:
	CMPQ    R11, R12
	JAE     done
	MOVLQSX (R11), DX
	ADDQ    $4, R11
	MOVL    DX, (R13)
	LEAQ    -17(DX), AX
	CMPQ    AX, R9
	JLT     keep
	LEAQ    40(DX), AX
	CMPQ    AX, R10
	JGT     keep

	// The run's length, and houseNext's say on the two bytes after it.
	VMOVDQU   (SI)(DX*1), Y0
	VPSUBB    Y15, Y0, Y1
	VPMINUB   Y14, Y1, Y2
	VPCMPEQB  Y1, Y2, Y2
	VPMOVMSKB Y2, AX
	NOTL      AX
	TZCNTL    AX, R15
	CMPL      R15, $5
	JA        loop
	LEAQ      (DX)(R15*1), CX
	MOVBLZX   (SI)(CX*1), AX
	LEAQ      ·houseAfter(SB), R8
	MOVBLZX   (R8)(AX*1), AX
	SHLL      $8, AX
	MOVBLZX   1(SI)(CX*1), R8
	ADDL      R8, AX
	LEAQ      ·houseNext(SB), R8
	CMPB      (R8)(AX*1), $0
	JEQ       loop
	TESTQ     R14, R14
	JNZ       keep

	// After "12 ": a capital, or a street type in lower case and a
	// capital soon after it.
	CMPB (SI)(CX*1), $0x20
	JNE  wide
	LEAQ 1(CX), R8
	CAPSAT(R8)
	TESTQ $1, BX
	JNZ   keep
	TESTL $0x1FFFFFE, BX
	JZ    before

	// lowerStreetKey of the word after the space, from the lower-case
	// letters of the 32 bytes at the run: m of them, in AX.
	VPSUBB    Y13, Y0, Y1
	VPMINUB   Y12, Y1, Y2
	VPCMPEQB  Y1, Y2, Y2
	VPMOVMSKB Y2, AX
	NOTL      AX
	LEAL      1(R15), CX
	SHRXL     CX, AX, AX
	TZCNTL    AX, AX
	TESTL     AX, AX
	JZ        before
	CMPL      AX, $8
	JAE       keep
	LEAQ      1(DX)(R15*1), CX // the word's first letter
	LEAQ      (CX)(AX*1), R8   // the byte after its last
	CMPB      (SI)(R8*1), $0x80
	JAE       keep
	MOVBLZX   -1(SI)(R8*1), R8
	IMUL3Q    $26, AX, AX
	MOVBLZX   (SI)(CX*1), CX
	LEAQ      -0x61(AX)(CX*1), AX
	IMUL3Q    $26, AX, AX
	LEAQ      -0x61(AX)(R8*1), AX
	LEAQ      ·streetPreKeys(SB), R8
	CMPB      (R8)(AX*1), $0
	JNE       keep
	JMP       before

wide:
	// After anything else: a capital within the 32 bytes from the run's
	// end.
	MOVQ  CX, R8
	CAPSAT(R8)
	TESTL BX, BX
	JNZ   keep

before:
	// Before: a space, then "x" or, in the 16 bytes before the space,
	// fewer than two spaces or a capital.
	CMPB    -1(SI)(DX*1), $0x20
	JNE     loop
	MOVBLZX -2(SI)(DX*1), AX
	ORL     $0x20, AX
	CMPL    AX, $0x78
	JEQ     keep
	VMOVDQU   -17(SI)(DX*1), X1
	VPCMPEQB  X11, X1, X1
	VPMOVMSKB X1, AX
	POPCNTL   AX, AX
	CMPL      AX, $2
	JLT       keep
	LEAQ      -17(DX), R8
	CAPSAT(R8)
	TESTL     $0xFFFF, BX
	JZ        loop

keep:
	ADDQ $4, R13
	JMP  loop

done:
	SUBQ starts+32(FP), R13
	SHRQ $2, R13
	MOVQ R13, ret+56(FP)
	VZEROUPPER
	RET
