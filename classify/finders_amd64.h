// BROADCASTB fills every byte of the vector register y with the byte v,
// through x, y's low half; it clobbers AX.
#define BROADCASTB(v, x, y) \
	MOVL $v, AX; \
	MOVQ AX, x; \
	VPBROADCASTB x, y

// WORDKEY leaves in dst wordKey of a word of n letters (n, first and last
// registers holding the length and the letters, zero-extended): its
// length and its first and last letters, in base 26.
#define WORDKEY(n, first, last, dst) \
	IMUL3Q $26, n, dst; \
	LEAQ   -0x61(dst)(first*1), dst; \
	IMUL3Q $26, dst, dst; \
	LEAQ   -0x61(dst)(last*1), dst
