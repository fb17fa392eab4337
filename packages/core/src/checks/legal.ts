/** Legal texts several checks cite. */
export const ND42 = 'Nghị định 42/2022/NĐ-CP';
export const TT32 = 'Thông tư 32/2017/TT-BTTTT, Điều 18';
export const QD473 = 'QĐ 473/QĐ-BTTTT (2024), nhóm an toàn thông tin';
