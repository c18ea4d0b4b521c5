package p

func F(x int) *int {
	if x == 0 {
		return new(int)
	} else if x == 1 {
		return new(int)
	} else if x == 2 {
		return new(int)
	} else if x == 3 {
		return new(int)
	} else if x == 4 {
		return new(int)
	} else if x == 5 {
		return new(int)
	} else if x == 6 {
		return new(int)
	} else if x == 7 {
		return new(int)
	} else if x == 8 {
		return new(int)
	} else if x == 9 {
		return new(int)
	} else if x == 10 {
		return new(int)
	} else if x == 11 {
		return new(int)
	} else if x == 12 {
		return new(int)
	} else if x == 13 {
		return new(int)
	} else if x == 14 {
		return new(int)
	} else if x == 15 {
		return new(int)
	} else if x == 16 {
		return new(int)
	} else if x == 17 {
		return new(int)
	} else if x == 18 {
		return new(int)
	} else if x == 19 {
		return new(int)
	} else if x == 20 {
		return new(int)
	} else if x == 21 {
		return new(int)
	} else if x == 22 {
		return new(int)
	} else if x == 23 {
		return new(int)
	} else if x == 24 {
		return new(int)
	} else if x == 25 {
		return new(int)
	} else if x == 26 {
		return new(int)
	} else if x == 27 {
		return new(int)
	} else if x == 28 {
		return new(int)
	} else if x == 29 {
		return new(int)
	} else if x == 30 {
		return new(int)
	} else if x == 31 {
		return new(int)
	} else if x == 32 {
		return new(int)
	} else if x == 33 {
		return new(int)
	} else if x == 34 {
		return new(int)
	} else if x == 35 {
		return new(int)
	} else if x == 36 {
		return new(int)
	} else if x == 37 {
		return new(int)
	} else if x == 38 {
		return new(int)
	} else if x == 39 {
		return new(int)
	} else if x == 40 {
		return new(int)
	} else if x == 41 {
		return new(int)
	} else if x == 42 {
		return new(int)
	} else if x == 43 {
		return new(int)
	} else if x == 44 {
		return new(int)
	} else if x == 45 {
		return new(int)
	} else if x == 46 {
		return new(int)
	} else if x == 47 {
		return new(int)
	} else if x == 48 {
		return new(int)
	} else if x == 49 {
		return new(int)
	} else if x == 50 {
		return new(int)
	} else if x == 51 {
		return new(int)
	} else if x == 52 {
		return new(int)
	} else if x == 53 {
		return new(int)
	} else if x == 54 {
		return new(int)
	} else if x == 55 {
		return new(int)
	} else if x == 56 {
		return new(int)
	} else if x == 57 {
		return new(int)
	} else if x == 58 {
		return new(int)
	} else if x == 59 {
		return new(int)
	} else if x == 60 {
		return new(int)
	} else if x == 61 {
		return new(int)
	} else if x == 62 {
		return new(int)
	} else if x == 63 {
		return new(int)
	} else if x == 64 {
		return new(int)
	} else if x == 65 {
		return new(int)
	} else if x == 66 {
		return new(int)
	} else if x == 67 {
		return new(int)
	} else if x == 68 {
		return new(int)
	} else if x == 69 {
		return new(int)
	} else if x == 70 {
		return new(int)
	} else if x == 71 {
		return new(int)
	} else if x == 72 {
		return new(int)
	} else if x == 73 {
		return new(int)
	} else if x == 74 {
		return new(int)
	} else if x == 75 {
		return new(int)
	} else if x == 76 {
		return new(int)
	} else if x == 77 {
		return new(int)
	} else if x == 78 {
		return new(int)
	} else if x == 79 {
		return new(int)
	} else if x == 80 {
		return new(int)
	} else if x == 81 {
		return new(int)
	} else if x == 82 {
		return new(int)
	} else if x == 83 {
		return new(int)
	} else if x == 84 {
		return new(int)
	} else if x == 85 {
		return new(int)
	} else if x == 86 {
		return new(int)
	} else if x == 87 {
		return new(int)
	} else if x == 88 {
		return new(int)
	} else if x == 89 {
		return new(int)
	} else if x == 90 {
		return new(int)
	} else if x == 91 {
		return new(int)
	} else if x == 92 {
		return new(int)
	} else if x == 93 {
		return new(int)
	} else if x == 94 {
		return new(int)
	} else if x == 95 {
		return new(int)
	} else if x == 96 {
		return new(int)
	} else if x == 97 {
		return new(int)
	} else if x == 98 {
		return new(int)
	} else if x == 99 {
		return new(int)
	} else if x == 100 {
		return new(int)
	} else if x == 101 {
		return new(int)
	} else if x == 102 {
		return new(int)
	} else if x == 103 {
		return new(int)
	} else if x == 104 {
		return new(int)
	} else if x == 105 {
		return new(int)
	} else if x == 106 {
		return new(int)
	} else if x == 107 {
		return new(int)
	} else if x == 108 {
		return new(int)
	} else if x == 109 {
		return new(int)
	} else if x == 110 {
		return new(int)
	} else if x == 111 {
		return new(int)
	} else if x == 112 {
		return new(int)
	} else if x == 113 {
		return new(int)
	} else if x == 114 {
		return new(int)
	} else if x == 115 {
		return new(int)
	} else if x == 116 {
		return new(int)
	} else if x == 117 {
		return new(int)
	} else if x == 118 {
		return new(int)
	} else if x == 119 {
		return new(int)
	} else if x == 120 {
		return new(int)
	} else if x == 121 {
		return new(int)
	} else if x == 122 {
		return new(int)
	} else if x == 123 {
		return new(int)
	} else if x == 124 {
		return new(int)
	} else if x == 125 {
		return new(int)
	} else if x == 126 {
		return new(int)
	} else if x == 127 {
		return new(int)
	} else if x == 128 {
		return new(int)
	} else if x == 129 {
		return new(int)
	} else if x == 130 {
		return new(int)
	} else if x == 131 {
		return new(int)
	} else if x == 132 {
		return new(int)
	} else if x == 133 {
		return new(int)
	} else if x == 134 {
		return new(int)
	} else if x == 135 {
		return new(int)
	} else if x == 136 {
		return new(int)
	} else if x == 137 {
		return new(int)
	} else if x == 138 {
		return new(int)
	} else if x == 139 {
		return new(int)
	} else if x == 140 {
		return new(int)
	} else if x == 141 {
		return new(int)
	} else if x == 142 {
		return new(int)
	} else if x == 143 {
		return new(int)
	} else if x == 144 {
		return new(int)
	} else if x == 145 {
		return new(int)
	} else if x == 146 {
		return new(int)
	} else if x == 147 {
		return new(int)
	} else if x == 148 {
		return new(int)
	} else if x == 149 {
		return new(int)
	} else if x == 150 {
		return new(int)
	} else if x == 151 {
		return new(int)
	} else if x == 152 {
		return new(int)
	} else if x == 153 {
		return new(int)
	} else if x == 154 {
		return new(int)
	} else if x == 155 {
		return new(int)
	} else if x == 156 {
		return new(int)
	} else if x == 157 {
		return new(int)
	} else if x == 158 {
		return new(int)
	} else if x == 159 {
		return new(int)
	} else if x == 160 {
		return new(int)
	} else if x == 161 {
		return new(int)
	} else if x == 162 {
		return new(int)
	} else if x == 163 {
		return new(int)
	} else if x == 164 {
		return new(int)
	} else if x == 165 {
		return new(int)
	} else if x == 166 {
		return new(int)
	} else if x == 167 {
		return new(int)
	} else if x == 168 {
		return new(int)
	} else if x == 169 {
		return new(int)
	} else if x == 170 {
		return new(int)
	} else if x == 171 {
		return new(int)
	} else if x == 172 {
		return new(int)
	} else if x == 173 {
		return new(int)
	} else if x == 174 {
		return new(int)
	} else if x == 175 {
		return new(int)
	} else if x == 176 {
		return new(int)
	} else if x == 177 {
		return new(int)
	} else if x == 178 {
		return new(int)
	} else if x == 179 {
		return new(int)
	} else if x == 180 {
		return new(int)
	} else if x == 181 {
		return new(int)
	} else if x == 182 {
		return new(int)
	} else if x == 183 {
		return new(int)
	} else if x == 184 {
		return new(int)
	} else if x == 185 {
		return new(int)
	} else if x == 186 {
		return new(int)
	} else if x == 187 {
		return new(int)
	} else if x == 188 {
		return new(int)
	} else if x == 189 {
		return new(int)
	} else if x == 190 {
		return new(int)
	} else if x == 191 {
		return new(int)
	} else if x == 192 {
		return new(int)
	} else if x == 193 {
		return new(int)
	} else if x == 194 {
		return new(int)
	} else if x == 195 {
		return new(int)
	} else if x == 196 {
		return new(int)
	} else if x == 197 {
		return new(int)
	} else if x == 198 {
		return new(int)
	} else if x == 199 {
		return new(int)
	} else if x == 200 {
		return new(int)
	} else if x == 201 {
		return new(int)
	} else if x == 202 {
		return new(int)
	} else if x == 203 {
		return new(int)
	} else if x == 204 {
		return new(int)
	} else if x == 205 {
		return new(int)
	} else if x == 206 {
		return new(int)
	} else if x == 207 {
		return new(int)
	} else if x == 208 {
		return new(int)
	} else if x == 209 {
		return new(int)
	} else if x == 210 {
		return new(int)
	} else if x == 211 {
		return new(int)
	} else if x == 212 {
		return new(int)
	} else if x == 213 {
		return new(int)
	} else if x == 214 {
		return new(int)
	} else if x == 215 {
		return new(int)
	} else if x == 216 {
		return new(int)
	} else if x == 217 {
		return new(int)
	} else if x == 218 {
		return new(int)
	} else if x == 219 {
		return new(int)
	} else if x == 220 {
		return new(int)
	} else if x == 221 {
		return new(int)
	} else if x == 222 {
		return new(int)
	} else if x == 223 {
		return new(int)
	} else if x == 224 {
		return new(int)
	} else if x == 225 {
		return new(int)
	} else if x == 226 {
		return new(int)
	} else if x == 227 {
		return new(int)
	} else if x == 228 {
		return new(int)
	} else if x == 229 {
		return new(int)
	} else if x == 230 {
		return new(int)
	} else if x == 231 {
		return new(int)
	} else if x == 232 {
		return new(int)
	} else if x == 233 {
		return new(int)
	} else if x == 234 {
		return new(int)
	} else if x == 235 {
		return new(int)
	} else if x == 236 {
		return new(int)
	} else if x == 237 {
		return new(int)
	} else if x == 238 {
		return new(int)
	} else if x == 239 {
		return new(int)
	} else if x == 240 {
		return new(int)
	} else if x == 241 {
		return new(int)
	} else if x == 242 {
		return new(int)
	} else if x == 243 {
		return new(int)
	} else if x == 244 {
		return new(int)
	} else if x == 245 {
		return new(int)
	} else if x == 246 {
		return new(int)
	} else if x == 247 {
		return new(int)
	} else if x == 248 {
		return new(int)
	} else if x == 249 {
		return new(int)
	} else if x == 250 {
		return new(int)
	} else if x == 251 {
		return new(int)
	} else if x == 252 {
		return new(int)
	} else if x == 253 {
		return new(int)
	} else if x == 254 {
		return new(int)
	} else if x == 255 {
		return new(int)
	} else if x == 256 {
		return new(int)
	} else if x == 257 {
		return new(int)
	} else if x == 258 {
		return new(int)
	} else if x == 259 {
		return new(int)
	} else if x == 260 {
		return new(int)
	} else if x == 261 {
		return new(int)
	} else if x == 262 {
		return new(int)
	} else if x == 263 {
		return new(int)
	} else if x == 264 {
		return new(int)
	} else if x == 265 {
		return new(int)
	} else if x == 266 {
		return new(int)
	} else if x == 267 {
		return new(int)
	} else if x == 268 {
		return new(int)
	} else if x == 269 {
		return new(int)
	} else if x == 270 {
		return new(int)
	} else if x == 271 {
		return new(int)
	} else if x == 272 {
		return new(int)
	} else if x == 273 {
		return new(int)
	} else if x == 274 {
		return new(int)
	} else if x == 275 {
		return new(int)
	} else if x == 276 {
		return new(int)
	} else if x == 277 {
		return new(int)
	} else if x == 278 {
		return new(int)
	} else if x == 279 {
		return new(int)
	} else if x == 280 {
		return new(int)
	} else if x == 281 {
		return new(int)
	} else if x == 282 {
		return new(int)
	} else if x == 283 {
		return new(int)
	} else if x == 284 {
		return new(int)
	} else if x == 285 {
		return new(int)
	} else if x == 286 {
		return new(int)
	} else if x == 287 {
		return new(int)
	} else if x == 288 {
		return new(int)
	} else if x == 289 {
		return new(int)
	} else if x == 290 {
		return new(int)
	} else if x == 291 {
		return new(int)
	} else if x == 292 {
		return new(int)
	} else if x == 293 {
		return new(int)
	} else if x == 294 {
		return new(int)
	} else if x == 295 {
		return new(int)
	} else if x == 296 {
		return new(int)
	} else if x == 297 {
		return new(int)
	} else if x == 298 {
		return new(int)
	} else if x == 299 {
		return new(int)
	} else {
		return nil
	}
}
