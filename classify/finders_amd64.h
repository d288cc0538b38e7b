// BROADCASTB fills every byte of the vector register y with the byte v,
// through x, y's low half; it clobbers AX.
#define BROADCASTB(v, x, y) \
	MOVL $v, AX; \
	MOVQ AX, x; \
	VPBROADCASTB x, y
