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

// NEXTRUN reads the next run of starts into DX and copies it to the next
// place to keep one, or jumps to end when none is left, or to near when
// the run's window (17 bytes before it, 40 from it) leaves [lo, hi).
// Clobbers AX.
#define NEXTRUN(end, near) \
	CMPQ    R11, R12; \
	JAE     end; \
	MOVLQSX (R11), DX; \
	ADDQ    $4, R11; \
	MOVL    DX, (R13); \
	LEAQ    -17(DX), AX; \
	CMPQ    AX, lo+16(FP); \
	JLT     near; \
	LEAQ    40(DX), AX; \
	CMPQ    AX, hi+24(FP); \
	JGT     near

// RUNLEN leaves in R15 the length of the run of digits at DX, and in Y0
// the 32 bytes from it. Clobbers AX.
#define RUNLEN \
	VMOVDQU   (SI)(DX*1), Y0; \
	VPSUBB    Y15, Y0, Y1; \
	VPMINUB   Y14, Y1, Y2; \
	VPCMPEQB  Y1, Y2, Y2; \
	VPMOVMSKB Y2, AX; \
	NOTL      AX; \
	TZCNTL    AX, R15

// SHAPE leaves in R9 houseShape's verdict on the run at DX: 1 where it
// has five digits at most and what follows ends a number, after a letter
// or after '-' or '/' and up to four digits. Clobbers AX, BX, CX, R8,
// R10, R14, R15 and Y0.
#define SHAPE \
	RUNLEN; \
	XORL      R9, R9; \
	CMPL      R15, $5; \
	SETLS     R9; \
	MOVL      $6, BX; \
	CMPL      R15, BX; \
	CMOVLHI   BX, R15; \
	LEAL      1(R15), CX; \
	SHRXL     CX, AX, CX; \
	TZCNTL    CX, CX; \
	MOVL      $5, BX; \
	CMPL      CX, BX; \
	CMOVLHI   BX, CX; \
	LEAQ      (DX)(R15*1), R10; \
	MOVBLZX   (SI)(R10*1), AX; \
	LEAQ      ·houseAfter(SB), BX; \
	MOVBLZX   (BX)(AX*1), AX; \
	XORL      R8, R8; \
	CMPL      AX, $const_houseLetter; \
	SETEQ     R8; \
	XORL      R14, R14; \
	CMPL      AX, $const_houseJoin; \
	SETEQ     R14; \
	LEAL      1(CX), BX; \
	IMULL     R14, BX; \
	ADDL      BX, R8; \
	DECL      CX; \
	XORL      BX, BX; \
	CMPL      CX, $3; \
	SETLS     BX; \
	XORL      $1, R14; \
	ORL       R14, BX; \
	ANDL      BX, R9; \
	ADDQ      R10, R8; \
	MOVBLZX   (SI)(R8*1), AX; \
	LEAQ      ·houseAfter(SB), BX; \
	MOVBLZX   (BX)(AX*1), AX; \
	SHLL      $8, AX; \
	MOVBLZX   1(SI)(R8*1), BX; \
	ADDL      BX, AX; \
	LEAQ      ·houseEnd(SB), BX; \
	MOVBLZX   (BX)(AX*1), AX; \
	ANDL      AX, R9

// func sieveAVX2(text *byte, caps *uint64, lo, hi int, starts *int32, n int, nogate int) int
//
// sieveGo in assembly: keeps, in place, the runs of digits of starts
// (n of them) where an address may start, and returns how many it kept.
// Like sieveGo, it computes every test and adds the verdict to the count:
// a branch on each would be guessed wrong at half the runs (the shape, a
// space after, a capital near), and was, 60,000 times per 4 MiB of prose.
// It does so in two loops: the first keeps the runs whose shape holds
// (one in three in prose) at a third of the whole test's cost, and the
// second tests the rest of what they need. A vector compare of the 32 bytes at a run gives its
// digits and the lower-case letters after it, and one of the 16 bytes
// before it the spaces there. The reads after the run take its length as
// six at most: a longer run fails the shape, and none then leaves the 40
// bytes the window holds after the run.
//
// Registers: SI text, DI caps, R11 the next start to read, R12 the end of
// starts, R13 the next place to keep one, DX the run, R15 its length, R10
// the byte after it; Y15 '0', Y14 9, Y13 'a', Y12 25 and Y11 ' ' in every
// byte. 0(SP) holds the verdicts after the run as bits: 0 a capital in
// the 32 bytes from its end, 1 one right after a byte, 2 one within the
// 24 bytes after that (capitalSoon's reach), 3 a space after the run, 4
// the shape; 4(SP) the verdict of what follows it.
TEXT ·sieveAVX2(SB), NOSPLIT, $8-64
	MOVQ text+0(FP), SI
	MOVQ caps+8(FP), DI
	MOVQ starts+32(FP), R11
	MOVQ n+40(FP), R12
	LEAQ (R11)(R12*4), R12
	MOVQ R11, R13

	BROADCASTB(0x30, X15, Y15)
	BROADCASTB(9, X14, Y14)
	BROADCASTB(0x61, X13, Y13)
	BROADCASTB(25, X12, Y12)
	BROADCASTB(0x20, X11, Y11)

	// First the shape alone, which two runs in three in prose fail:
	// those runs are dropped here at a third of the whole test's cost,
	// and the loop after reads the rest.
shape:
	NEXTRUN(shaped, shapekeep)
	SHAPE
	LEAQ    (R13)(R9*4), R13
	JMP     shape

shapekeep:
	ADDQ $4, R13
	JMP  shape

shaped:
	MOVQ R13, R12
	MOVQ starts+32(FP), R11
	MOVQ R11, R13

loop:
	NEXTRUN(done, keep)

	// The shape held: the run has five digits at most.
	RUNLEN
	LEAQ      (DX)(R15*1), R10
	MOVL      $1, R9
	XORL      R14, R14
	CMPB      (SI)(R10*1), $0x20
	SETEQ     R14

	// The capitals from the run's end.
	CAPSAT(R10)
	XORL  R8, R8
	TESTL BX, BX
	SETNE R8
	MOVL  BX, AX
	ANDL  $2, AX
	ORL   AX, R8
	XORL  AX, AX
	TESTL $0x3FFFFFC, BX
	SETNE AX
	SHLL  $2, AX
	ORL   AX, R8
	SHLL  $3, R14
	ORL   R14, R8
	SHLL  $4, R9
	ORL   R9, R8
	MOVL  R8, 0(SP)

	// lowerStreetKey of the word after the byte after the run, in BX:
	// its m lower-case letters (AX) from the 32 bytes at the run; eight
	// or more, or a byte past ASCII after them, or a street type's key.
	VPSUBB    Y13, Y0, Y1
	VPMINUB   Y12, Y1, Y2
	VPCMPEQB  Y1, Y2, Y2
	VPMOVMSKB Y2, AX
	NOTL      AX
	LEAL      1(R15), CX
	SHRXL     CX, AX, AX
	TZCNTL    AX, AX
	XORL      BX, BX
	CMPL      AX, $8
	SETCC     BX
	MOVL      $8, CX
	CMPL      AX, CX
	CMOVLLS   AX, CX
	ADDQ      R10, CX
	MOVBLZX   1(SI)(CX*1), CX
	SHRL      $7, CX
	ORL       CX, BX
	MOVL      $7, CX
	CMPL      AX, CX
	CMOVLLS   AX, CX
	LEAQ      (R10)(CX*1), R8
	MOVBLZX   (SI)(R8*1), R8    // the key's last letter
	MOVBLZX   1(SI)(R10*1), R9  // its first
	WORDKEY(CX, R9, R8, CX)
	XORL      R8, R8
	TESTL     AX, AX
	CMOVLEQ   R8, CX            // no letter: no key (the bytes read are no letters)
	SETNE     R8                // and no street type
	LEAQ      ·streetPreKeys(SB), R9
	MOVBLZX   (R9)(CX*1), R9
	ORL       R9, BX
	ANDL      R8, BX

	// What follows the run: after a space, a capital right after it or a
	// street type in lower case and a capital soon; after anything else,
	// a capital in the 32 bytes from its end.
	MOVL    0(SP), R8
	MOVL    R8, AX
	SHRL    $2, AX
	ANDL    BX, AX
	MOVL    R8, CX
	SHRL    $1, CX
	ORL     CX, AX
	ANDL    $1, AX
	MOVL    R8, CX
	ANDL    $1, CX
	BTL     $3, R8
	CMOVLCS AX, CX
	MOVL    CX, 4(SP)

	// Before: a space, then "x" or, in the 16 bytes before the space,
	// fewer than two spaces or a capital, where the word before the space
	// is not a plain one (plainBefore).
	LEAQ      -17(DX), R14
	CAPSAT(R14)
	XORL      R9, R9
	TESTL     $0xFFFF, BX
	SETNE     R9
	VMOVDQU   -17(SI)(DX*1), X1
	VPCMPEQB  X11, X1, X2
	VPMOVMSKB X2, AX
	POPCNTL   AX, AX
	XORL      R14, R14
	CMPL      AX, $2
	SETCS     R14
	ORL       R14, R9

	// plainBefore, in R14: the 16 bytes' lower-case letters (AX), and
	// their letters and bytes past ASCII (CX); R8 is 1 where a '.' ends
	// them, R15 the lower-case run before it, BX the byte before that.
	VPSUBB    X13, X1, X2
	VPMINUB   X12, X2, X3
	VPCMPEQB  X2, X3, X3
	VPMOVMSKB X3, AX
	VPOR      X11, X1, X2
	VPSUBB    X13, X2, X2
	VPMINUB   X12, X2, X3
	VPCMPEQB  X2, X3, X3
	VPMOVMSKB X3, CX
	VPMOVMSKB X1, R8
	ORL       R8, CX
	XORL      R8, R8
	CMPB      -2(SI)(DX*1), $0x2E
	SETEQ     R8
	LEAL      16(R8), R15
	SHLXL     R15, AX, R15
	NOTL      R15
	LZCNTL    R15, R15
	MOVL      $15, BX
	SUBL      R8, BX
	SUBL      R15, BX
	XORL      R14, R14
	BTL       BX, CX
	SETCC     R14             // no letter before the run (r <= 10 keeps BX >= 4)
	LEAL      -1(R15), AX
	XORL      CX, CX
	CMPL      AX, $10
	SETCS     CX              // 1 <= r <= 10
	ANDL      CX, R14
	MOVQ      DX, R10
	SUBQ      R8, R10
	MOVBLZX   -2(SI)(R10*1), CX   // the word's last letter
	SUBQ      R15, R10
	MOVBLZX   (SI)(R10*1), BX     // its second
	MOVBLZX   -1(SI)(R10*1), R10  // its first
	CMPL      R15, $1
	CMOVLEQ   R10, BX             // a word of one letter: its first
	WORDKEY(R15, R10, CX, AX)
	XORL      CX, CX
	TESTL     R14, R14
	CMOVLEQ   CX, AX          // no such word: no key read past the table
	LEAQ      ·streetWordKeys(SB), CX
	MOVL      (CX)(AX*4), CX
	SUBL      $0x61, BX
	XORL      AX, AX
	BTL       BX, CX
	SETCS     AX
	XORL      $1, AX
	ANDL      AX, R14
	XORL      $1, R14
	ANDL      R14, R9
	MOVBLZX   -2(SI)(DX*1), AX
	ORL       $0x20, AX
	XORL      R14, R14
	CMPL      AX, $0x78
	SETEQ     R14
	ORL       R14, R9
	XORL      R14, R14
	CMPB      -1(SI)(DX*1), $0x20
	SETEQ     R14
	ANDL      R14, R9

	// Kept where the shape holds and anything else does, or no gate.
	ORL  4(SP), R9
	MOVQ nogate+48(FP), AX
	ORL  AX, R9
	MOVL 0(SP), AX
	SHRL $4, AX
	ANDL AX, R9
	LEAQ (R13)(R9*4), R13
	JMP  loop

keep:
	ADDQ $4, R13
	JMP  loop

done:
	SUBQ starts+32(FP), R13
	SHRQ $2, R13
	MOVQ R13, ret+56(FP)
	VZEROUPPER
	RET
