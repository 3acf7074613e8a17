package io.livegate.srt.mpegts;

/**
 * The program association table (ISO/IEC 13818-1 2.4.4.3) reduced to what a single-program demuxer needs: the
 * first program's number and PMT PID.
 */
record ProgramAssociation(int version, int programNumber, int pmtPid) {

    static final int TABLE_ID = 0x00;

    /** Returns null when the section lists no program (only the network PID). */
    static ProgramAssociation parse(PsiSectionAssembler.Section s) {
        if (s.tableId() != TABLE_ID || !s.syntaxIndicator()) {
            throw new TsException(TsException.Reason.BAD_SECTION, "PAT with table_id " + s.tableId());
        }
        byte[] b = s.bytes();
        int end = s.bodyEnd();
        if ((end - PsiSectionAssembler.Section.BODY) % 4 != 0) {
            throw new TsException(TsException.Reason.BAD_SECTION,
                    "PAT program loop of " + (end - PsiSectionAssembler.Section.BODY) + " bytes is not a multiple of 4");
        }
        for (int p = PsiSectionAssembler.Section.BODY; p + 4 <= end; p += 4) {
            int number = (b[p] & 0xff) << 8 | b[p + 1] & 0xff;
            int pid = (b[p + 2] & 0x1f) << 8 | b[p + 3] & 0xff;
            if (number != 0) {
                return new ProgramAssociation(s.version(), number, pid);
            }
        }
        return null;
    }
}
