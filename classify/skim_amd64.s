//go:build !purego

#include "textflag.h"
#include "go_asm.h"
#include "finders_amd64.h"

// QUICKHASH leaves in dst quickHash of the word of n letters (fifteen at
// most) at the mark: its first eight bytes case-folded, cut to the word
// (BZHI leaves all 64 bits from an index of 64 on), its length in the top
// bits, times the multiplier. Clobbers CX.
#define QUICKHASH(n, dst) QUICKHASHAT(0, DX, n, dst)

// QUICKHASHAT is QUICKHASH of the word of n letters at off(SI)(at*1).
#define QUICKHASHAT(off, at, n, dst) \
	MOVQ  off(SI)(at*1), dst; \
	MOVQ  $0x2020202020202020, CX; \
	ORQ   CX, dst; \
	LEAL  (n*8), CX; \
	BZHIQ CX, dst, dst; \
	MOVQ  n, CX; \
	SHLQ  $59, CX; \
	XORQ  CX, dst; \
	MOVQ  $0x9E3779B97F4A7C15, CX; \
	IMULQ CX, dst

// NAMEBITS jumps to no unless both bits of the names bitmap that the
// quickHash in src picks are set (lexicon.maybeName), through reg and BX
// (kept at 8(SP)).
#define NAMEBITS(src, reg, no) \
	MOVQ BX, 8(SP); \
	MOVQ src, reg; \
	SHRQ $43, reg; \
	NAMEBIT(reg, no); \
	MOVQ src, reg; \
	SHRQ $21, reg; \
	ANDL $0x1FFFFF, reg; \
	NAMEBIT(reg, no)

// NAMEBIT jumps to no unless bit reg of the names bitmap is set, through
// BX, which it restores from 8(SP). The bitmap's word is loaded before
// its bit is tested: BT with a register index into memory addresses a bit
// string, and is microcoded; the skim took 4 % longer with it.
#define NAMEBIT(reg, no) \
	MOVQ reg, BX; \
	SHRQ $6, BX; \
	MOVQ lexicon_names(R10)(BX*8), BX; \
	BTQ  reg, BX; \
	MOVQ 8(SP), BX; \
	JCC  no

// func skimAVX2(text *byte, caps *uint64, wend, at, lo, hi int, x *lexicon, out *int, room int) (n, next, upper int)
//
// skimGo over the marks of caps from at, in its words below wend: writes
// to out, at most room of them, the marks the name finder must visit, and
// returns how many, where it stopped (hi, or a mark it left for want of
// room, which may come before out is full: a chunk's list is cut where
// out would be full were every mark a visit) and 1 in upper if it passed
// an ASCII capital. The tests are skimGo's,
// skimWord's and skimLabel's, in the same order; only how they read the
// bytes differs: a vector compare of the 32 bytes at a mark gives its
// lower-case letters (L) and spaces (S) as bit masks, from which the
// word's and the next word's lengths follow with a count of trailing
// zeros. A mark is tested only where two bytes before it and 32 from it
// lie in [lo, hi).
//
// Registers: SI text, DI caps, R9 hi, R10 x, R11 the next slot of out,
// R12 the end of out, DX the mark; while a chunk's marks are listed, R14
// the word of caps, BX its marks not yet listed and R13 the list's end;
// while they are tested, R14 the next in the list and BX its end. Y13,
// Y14 and Y15 hold ' ', 25 and 'a' in every byte. Whether the word may be
// a name of the lists is kept at 0(SP), BX at 8(SP) while NAMEBITS reads
// the bitmap, CX at 16(SP) while a verb's hash is made, the window's
// bounds for a mark at 24(SP) and 32(SP), where the list was cut for
// room at 40(SP), the chunk's end (a word of caps) at 48(SP), and the
// list, 32 bits a place, from 64(SP).
TEXT ·skimAVX2(SB), $4200-96
	MOVQ text+0(FP), SI
	MOVQ caps+8(FP), DI
	MOVQ hi+40(FP), R9
	MOVQ lo+32(FP), AX
	ADDQ $2, AX
	MOVQ AX, 24(SP)
	LEAQ -32(R9), AX
	MOVQ AX, 32(SP)
	MOVQ x+48(FP), R10
	MOVQ out+56(FP), R11
	MOVQ room+64(FP), R12
	LEAQ (R11)(R12*8), R12
	MOVQ $0, upper+88(FP)

	BROADCASTB(0x61, X15, Y15)
	BROADCASTB(25, X14, Y14)
	BROADCASTB(0x20, X13, Y13)

	// The marks are read a chunk of up to sixteen words of caps (1 KiB of
	// text) at a time: first their places are listed at 64(SP) (flatten,
	// 4 KiB at most), then each is tested (nextpos). A loop over a word's
	// marks would leave it at a branch guessed wrong at most words, which
	// hold one or two; the list is written without a branch for words of
	// four marks or fewer. Chunks of eight words took 4 % longer; of 64,
	// 3 % less, but their list would fill half the L1 cache the text and
	// bitmaps are read from.
	MOVQ at+24(FP), CX
	MOVQ CX, R14
	SHRQ $6, R14
	MOVQ (DI)(R14*8), BX
	ANDQ $63, CX
	MOVQ $-1, AX
	SHLQ CX, AX
	ANDQ AX, BX
	JMP  chunk

nextchunk:
	MOVQ 48(SP), R14
	CMPQ R14, wend+16(FP)
	JAE  hidone
	MOVQ (DI)(R14*8), BX

chunk:
	LEAQ 16(R14), AX
	MOVQ wend+16(FP), CX
	CMPQ AX, CX
	CMOVQHI CX, AX
	MOVQ AX, 48(SP)           // the chunk's end, in words
	LEAQ 64(SP), R13
	JMP  flattened

flatten:
	MOVQ (DI)(R14*8), BX

flattened:
	MOVQ    R14, R15
	SHLQ    $6, R15
	POPCNTQ BX, CX
	TZCNTQ  BX, AX
	ADDQ    R15, AX
	MOVL    AX, 0(R13)
	BLSRQ   BX, BX
	TZCNTQ  BX, AX
	ADDQ    R15, AX
	MOVL    AX, 4(R13)
	BLSRQ   BX, BX
	TZCNTQ  BX, AX
	ADDQ    R15, AX
	MOVL    AX, 8(R13)
	BLSRQ   BX, BX
	TZCNTQ  BX, AX
	ADDQ    R15, AX
	MOVL    AX, 12(R13)
	BLSRQ   BX, BX
	CMPQ    CX, $4
	JA      many
	LEAQ    (R13)(CX*4), R13
	INCQ    R14
	CMPQ    R14, 48(SP)
	JB      flatten
	JMP     listed4

many:
	ADDQ   $16, R13

more:
	TZCNTQ BX, AX
	ADDQ   R15, AX
	MOVL   AX, 0(R13)
	ADDQ   $4, R13
	BLSRQ  BX, BX
	JNZ    more
	INCQ   R14
	CMPQ   R14, 48(SP)
	JB     flatten

listed4:
	// Marks from hi on leave the list (they lie in its last word), and it
	// ends where out would have no room were every mark a visit, at
	// 40(SP): the loop below then asks neither of each mark.
	LEAQ 64(SP), R14          // its next place

trim:
	CMPQ R13, R14
	JBE  trimmed
	MOVL -4(R13), AX
	CMPQ AX, R9
	JB   trimmed
	SUBQ $4, R13
	JMP  trim

trimmed:
	MOVQ $0, 40(SP)
	MOVQ R12, AX
	SUBQ R11, AX
	SHRQ $3, AX
	LEAQ (R14)(AX*4), AX
	CMPQ AX, R13
	JAE  roomy
	MOVQ AX, R13
	MOVQ AX, 40(SP)

roomy:
	MOVQ R13, BX              // the list's end

nextpos:
	CMPQ    R14, BX
	JAE     listdone
	MOVLQZX (R14), DX
	ADDQ    $4, R14

	// The window: two bytes before the mark and 32 from it, from
	// lo+2 to hi-32 (24(SP) and 32(SP)).
	CMPQ DX, 24(SP)
	JLT  keep
	CMPQ DX, 32(SP)
	JGT  keep
	MOVBLZX (SI)(DX*1), AX
	CMPL AX, $0xC3
	JEQ  lead
	SUBL $0x41, AX
	CMPL AX, $25
	JA   other

	// A capital inside a word or an identifier starts no token: no
	// visit.
	// skimWord. A sentence's start: sentenceTab of the byte before is
	// ssEnd, or ssSkip and that of the byte before it ssEnd. skimPrev
	// tells both, and a capital inside a word, in one load.
	MOVBLZX -1(SI)(DX*1), AX
	LEAQ    ·skimPrev(SB), CX
	MOVBLZX (CX)(AX*1), AX
	CMPL    AX, $const_spEnd
	JEQ     started
	CMPL    AX, $const_spNo
	JEQ     skip
	CMPL    AX, $const_spSkip
	JNE     label
	MOVBLZX -2(SI)(DX*1), AX
	LEAQ    ·sentenceTab(SB), CX
	MOVBLZX (CX)(AX*1), AX
	CMPL    AX, $const_ssEnd
	JNE     label

started:
	VMOVDQU   (SI)(DX*1), Y0
	VPSUBB    Y15, Y0, Y1
	VPMINUB   Y14, Y1, Y2
	VPCMPEQB  Y1, Y2, Y2
	VPMOVMSKB Y2, AX    // L
	VPCMPEQB  Y13, Y0, Y3
	VPMOVMSKB Y3, CX    // S

	// n in R15: the word's letters, fifteen at most; a space after them,
	// and a lower-case letter after that, or a digit (labelAfter).
	MOVL   AX, R15
	NOTL   R15
	ANDL   $-2, R15
	TZCNTL R15, R15
	CMPL   R15, $15
	JA     keep
	BTL    R15, CX
	JCC    comma
	LEAL   1(R15), R8
	BTL    R8, AX
	JCC    digit

lowernext:
	// m in R13: the next word's letters (up to the window's end).
	MOVL   AX, R13
	NOTL   R13
	SHRXL  R8, R13, R13
	TZCNTL R13, R13

	// The word's hash, quickHash's, and the names' bitmap: most words are
	// on no list, and 0(SP) says whether this one may be. Only a word of
	// the lists may be a frequent name: their bitmap is asked next.
	QUICKHASH(R15, R8)
	MOVQ  $0, 0(SP)
	NAMEBITS(R8, CX, rare)
	MOVQ  $1, 0(SP)

frequent:
	MOVQ  R8, CX
	SHRQ  $54, CX
	MOVQ  lexicon_frequent(R10)(CX*8), CX
	MOVQ  R8, AX
	SHRQ  $48, AX
	BTQ   AX, CX
	JCC   rare
	MOVQ  R8, CX
	SHRQ  $38, CX
	ANDL  $0x3FF, CX
	MOVQ  lexicon_frequent(R10)(CX*8), CX
	SHRQ  $32, R8
	BTQ   R8, CX
	JCS   keep

rare:

	// The next word: longer than ten letters, or with a capital after
	// it, it is no verb and no particle.
	CMPQ    R13, $10
	JA      skip
	ADDQ    DX, R15           // the word's end
	LEAQ    (R15)(R13*1), CX  // the next word's last letter
	MOVBLZX 1(SI)(CX*1), R8   // the byte after it
	MOVL    R8, AX
	ORL     $0x20, AX
	SUBL    $0x61, AX
	CMPL    AX, $25
	JBE     skip

	// verbKeys' class of it, in AX.
	XORL    AX, AX
	CMPQ    R13, $2
	JLT     verbed
	IMUL3Q  $26, R13, R13
	MOVBLZX 1(SI)(R15*1), AX
	LEAQ    -0x61(R13)(AX*1), R13
	IMUL3Q  $26, R13, R13
	MOVBLZX (SI)(CX*1), AX
	LEAQ    -0x61(R13)(AX*1), R13
	LEAQ    ·verbKeys(SB), AX
	MOVBLZX (AX)(R13*1), AX

verbed:
	// A verb of speech's key: the word must be a verb too (verbBits),
	// or it is no verb. CX is kept at 16(SP) while its hash is made.
	CMPL    AX, $const_verbSpeech
	JNE     spoken
	MOVQ    CX, 16(SP)
	MOVQ    CX, R13
	SUBQ    R15, R13
	QUICKHASHAT(1, R15, R13, AX)
	SHRQ    $52, AX
	MOVQ    AX, CX
	SHRQ    $6, CX
	LEAQ    ·verbBits(SB), R13
	MOVQ    (R13)(CX*8), R13
	BTQ     AX, R13
	MOVQ    16(SP), CX
	JCS     keep
	XORL    AX, AX

spoken:

	// " and " and a capital: a list of names, a word of the lists or not
	// ("Usamov and Bowers").
	CMPL    (SI)(R15*1), $0x646E6120
	JNE     listed
	CMPB    4(SI)(R15*1), $0x20
	JNE     listed
	MOVBLZX 5(SI)(R15*1), R13
	CMPL    R13, $0xC0
	JAE     keep
	SUBL    $0x41, R13
	CMPL    R13, $25
	JBE     keep

listed:

	// A weak verb, or a particle's shape, after it makes a name of a word
	// of the lists only: most words are none, so that is asked first.
	MOVQ CX, R13
	SUBQ R15, R13             // m again
	CMPQ 0(SP), $0
	JEQ  skip
	CMPL AX, $const_verbWeak
	JEQ  keep

	// No verb: a word of five letters at most before a capital, or of
	// three at most before a lower-case word, may be a particle.
	CMPQ    R13, $5
	JA      skip
	CMPL    R8, $0x20
	JNE     skip
	MOVBLZX 2(SI)(CX*1), AX
	CMPL    AX, $0xC0
	JAE     keep
	LEAL    -0x41(AX), R8
	CMPL    R8, $25
	JBE     keep
	SUBL    $0x61, AX
	CMPL    AX, $25
	JA      skip
	CMPQ    R13, $3
	JBE     keep

skip:
	MOVQ $1, upper+88(FP)
	JMP  nextpos

comma:
	// "However, the …" (sentenceWord): a comma, a space and a lower-case
	// letter after the word.
	LEAQ    (DX)(R15*1), R8
	CMPB    (SI)(R8*1), $0xC3
	JEQ     latin
	CMPB    (SI)(R8*1), $0x2C
	JNE     keep
	CMPB    1(SI)(R8*1), $0x20
	JNE     keep
	MOVBLZX 2(SI)(R8*1), AX
	SUBL    $0x61, AX
	CMPL    AX, $25
	JA      keep

alone:
	// A word no list knows after a sentence's end and a space.
	CMPB    -1(SI)(DX*1), $0x20
	JNE     keep
	MOVBLZX -2(SI)(DX*1), AX
	CMPL    AX, $0x2E
	JEQ     ended
	CMPL    AX, $0x21
	JEQ     ended
	CMPL    AX, $0x3F
	JNE     keep

ended:
	QUICKHASH(R15, R8)
	NAMEBITS(R8, CX, skip)
	JMP keep

latin:
	// "Déjà vu" (skimWord): lower-case letters of Latin-1 but ÷ in the
	// word, and ASCII ones after each (L, in AX, from R15 on), fifteen
	// bytes at most; then a space, and a lower-case ASCII letter or a
	// digit. R8 is the place of the byte after the word so far.
	CMPQ    R15, $15
	JA      keep
	CMPB    (SI)(R8*1), $0xC3
	JNE     latinend
	MOVBLZX 1(SI)(R8*1), CX
	CMPL    CX, $0x9F
	JB      latinend
	CMPL    CX, $0xB7
	JEQ     latinend
	ADDQ    $2, R15
	MOVL    AX, CX
	NOTL    CX
	SHRXL   R15, CX, CX
	TZCNTL  CX, CX
	ADDQ    CX, R15
	LEAQ    (DX)(R15*1), R8
	JMP     latin

latinend:
	CMPB    (SI)(R8*1), $0x20
	JNE     keep
	MOVBLZX 1(SI)(R8*1), CX
	LEAL    -0x30(CX), R13
	CMPL    R13, $9
	JBE     folding
	SUBL    $0x61, CX
	CMPL    CX, $25
	JA      keep

folding:
	// The word folded to ASCII at 4176(SP) (foldedQuickHash): R8 the
	// next byte of the word to read, R13 the bytes written, BX (kept at
	// 8(SP)) the table of folds. Each letter of Latin-1 folds to one or
	// two ASCII bytes, so fifteen bytes at most are written.
	MOVQ BX, 8(SP)
	LEAQ ·latinFoldPairs(SB), BX
	XORL R8, R8
	XORL R13, R13

fold:
	CMPQ    R8, R15
	JAE     folded
	LEAQ    (DX)(R8*1), CX
	MOVBLZX (SI)(CX*1), CX
	CMPL    CX, $0xC3
	JEQ     foldlatin
	MOVB    CX, 4176(SP)(R13*1)
	INCQ    R13
	INCQ    R8
	JMP     fold

foldlatin:
	LEAQ    (DX)(R8*1), CX
	MOVBLZX 1(SI)(CX*1), CX
	ANDL    $0x3F, CX
	MOVWLZX (BX)(CX*2), CX
	MOVW    CX, 4176(SP)(R13*1)
	INCQ    R13
	CMPL    CX, $0xFF
	JBE     foldone
	INCQ    R13

foldone:
	ADDQ $2, R8
	JMP  fold

folded:
	// quickHash of the R13 bytes (QUICKHASH's), in R8.
	MOVQ  8(SP), BX
	MOVQ  4176(SP), R8
	MOVQ  $0x2020202020202020, CX
	ORQ   CX, R8
	LEAL  (R13*8), CX
	BZHIQ CX, R8, R8
	MOVQ  R13, CX
	SHLQ  $59, CX
	XORQ  CX, R8
	MOVQ  $0x9E3779B97F4A7C15, CX
	IMULQ CX, R8

	// A digit after the space: no name (labelAfter). Else m in R13, as
	// for a word of ASCII letters, and the word may be a name whatever
	// the bitmap says (0(SP)), but for the frequent ones.
	LEAQ    (DX)(R15*1), CX
	MOVBLZX 1(SI)(CX*1), CX
	SUBL    $0x30, CX
	CMPL    CX, $9
	JBE     skip
	LEAL    1(R15), CX
	MOVL    AX, R13
	NOTL    R13
	SHRXL   CX, R13, R13
	TZCNTL  R13, R13
	MOVQ    $1, 0(SP)
	NAMEBITS(R8, CX, rare)
	JMP     frequent

digit:
	// After the space, a digit (labelAfter); a lower-case letter of
	// Latin-1, which starts a lower-case word ("über"); or what markAt
	// takes for a mark: a printable byte that is no letter ("Later
	// \"they\" …"), a currency sign (€, £, ¥) or a code ("ORD-2023").
	// R13 is the place of the space.
	LEAQ    (DX)(R15*1), R13
	MOVBLZX 1(SI)(R13*1), AX
	LEAL    -0x30(AX), CX
	CMPL    CX, $9
	JBE     skip
	CMPL    AX, $0xC3
	JEQ     latinnext
	CMPL    AX, $0xE2
	JEQ     euro
	CMPL    AX, $0xC2
	JEQ     poundyen
	LEAL    -0x21(AX), CX
	CMPL    CX, $(0x7E-0x21)
	JA      keep
	SUBL    $0x41, AX
	CMPL    AX, $25
	JBE     code
	JMP     alone

latinnext:
	// A lower-case letter of Latin-1 but ÷: the word's tests go on with
	// L (AX) and n+1 (R8) made again; the next word has no lower-case
	// ASCII letter (m is 0).
	MOVBLZX   2(SI)(R13*1), AX
	CMPL      AX, $0x9F
	JB        keep
	CMPL      AX, $0xB7
	JEQ       keep
	VPSUBB    Y15, Y0, Y1
	VPMINUB   Y14, Y1, Y2
	VPCMPEQB  Y1, Y2, Y2
	VPMOVMSKB Y2, AX
	LEAL      1(R15), R8
	JMP       lowernext

euro:
	CMPB 2(SI)(R13*1), $0x82
	JNE  keep
	CMPB 3(SI)(R13*1), $0xAC
	JNE  keep
	JMP  alone

poundyen:
	MOVBLZX 2(SI)(R13*1), AX
	CMPL    AX, $0xA3
	JEQ     alone
	CMPL    AX, $0xA5
	JEQ     alone
	JMP     keep

code:
	// Two to eight capitals from the byte after the space (the letters
	// of the 32 bytes at the mark, CX, less the lower-case ones, AX),
	// then a digit, or '-' and a digit.
	VPOR      Y13, Y0, Y1
	VPSUBB    Y15, Y1, Y1
	VPMINUB   Y14, Y1, Y2
	VPCMPEQB  Y1, Y2, Y2
	VPMOVMSKB Y2, CX
	VPSUBB    Y15, Y0, Y1
	VPMINUB   Y14, Y1, Y2
	VPCMPEQB  Y1, Y2, Y2
	VPMOVMSKB Y2, AX
	ANDNL     CX, AX, CX
	LEAL      1(R15), R8
	SHRXL     R8, CX, CX
	NOTL      CX
	TZCNTL    CX, CX
	CMPL      CX, $2
	JB        keep
	CMPL      CX, $8
	JA        keep
	ADDQ      R13, CX
	MOVBLZX   1(SI)(CX*1), AX
	LEAL      -0x30(AX), R8
	CMPL      R8, $9
	JBE       alone
	CMPL      AX, $0x2D
	JNE       keep
	MOVBLZX   2(SI)(CX*1), AX
	SUBL      $0x30, AX
	CMPL      AX, $9
	JBE       alone
	JMP       keep

label:
	// skimLabel, inside a sentence: a digit among the eight bytes from
	// the mark (digitMask), which most capitals inside a sentence lack;
	// then a word of n letters, 2 to 30, all capitals or all lower-case
	// after the first (CX and AX, the letters and the lower-case ones,
	// from the mark), and labelAfter's number after it.
	MOVQ      (SI)(DX*1), AX
	MOVQ      $0x7F7F7F7F7F7F7F7F, CX
	ANDQ      AX, CX
	MOVQ      $0x5050505050505050, R8
	ADDQ      CX, R8
	MOVQ      $0x4646464646464646, R15
	ADDQ      R15, CX
	NOTQ      CX
	ANDQ      CX, R8
	NOTQ      AX
	ANDQ      AX, R8
	MOVQ      $0x8080808080808080, CX
	TESTQ     CX, R8
	JZ        keep
	VMOVDQU   (SI)(DX*1), Y0
	VPOR      Y13, Y0, Y1
	VPSUBB    Y15, Y1, Y1
	VPMINUB   Y14, Y1, Y2
	VPCMPEQB  Y1, Y2, Y2
	VPMOVMSKB Y2, CX
	VPSUBB    Y15, Y0, Y1
	VPMINUB   Y14, Y1, Y2
	VPCMPEQB  Y1, Y2, Y2
	VPMOVMSKB Y2, AX
	MOVL      CX, R15
	NOTL      R15
	TZCNTL    R15, R15
	CMPL      R15, $2
	JB        keep
	CMPL      R15, $30
	JA        keep
	MOVL      $-2, R8
	BZHIL     R15, R8, R8 // the letters after the first
	ANDL      R8, AX
	ANDL      R8, CX
	XORL      AX, CX      // the capitals among them
	TESTL     AX, AX
	JZ        labelled
	TESTL     CX, CX
	JNZ       keep

labelled:
	ADDQ    DX, R15
	MOVBLZX (SI)(R15*1), AX
	LEAL    -0x30(AX), CX
	CMPL    CX, $9
	JBE     skip
	CMPL    AX, $0x28
	JEQ     skip
	CMPL    AX, $0x20
	JEQ     spaced
	CMPL    AX, $0x2D
	JNE     keep

spaced:
	MOVBLZX 1(SI)(R15*1), AX
	SUBL    $0x30, AX
	CMPL    AX, $9
	JBE     skip
	JMP     keep

lead:
	// é, ü, ç … (U+00DF–U+00FF) and ×: no capital, and no visit.
	MOVBLZX 1(SI)(DX*1), AX
	CMPL    AX, $0x9F
	JAE     nextpos
	CMPL    AX, $0x97
	JEQ     nextpos

other:
	// “ ” ’ — … € (U+2000–U+20FF): no capital there, and no visit.
	CMPL    AX, $(0xE2-0x41)
	JNE     keep
	MOVBLZX 1(SI)(DX*1), AX
	CMPL    AX, $0x84
	JB      nextpos

keep:
	MOVQ DX, (R11)
	ADDQ $8, R11
	JMP  nextpos

listdone:
	// The chunk's list done; where it was cut for room, the skim stops at
	// its first mark left.
	MOVQ 40(SP), AX
	TESTQ AX, AX
	JZ   nextchunk
	MOVLQZX (AX), DX

full:
	MOVQ DX, next+80(FP)
	JMP  done

hidone:
	MOVQ R9, next+80(FP)

done:
	SUBQ out+56(FP), R11
	SHRQ $3, R11
	MOVQ R11, n+72(FP)
	VZEROUPPER
	RET
