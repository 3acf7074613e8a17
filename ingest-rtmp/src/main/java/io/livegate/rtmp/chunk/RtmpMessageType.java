package io.livegate.rtmp.chunk;

/** Message type ids (RTMP 1.0 5.4 and 7.1). */
public final class RtmpMessageType {
    public static final int SET_CHUNK_SIZE = 1;
    public static final int ABORT = 2;
    public static final int ACKNOWLEDGEMENT = 3;
    public static final int USER_CONTROL = 4;
    public static final int WINDOW_ACK_SIZE = 5;
    public static final int SET_PEER_BANDWIDTH = 6;
    public static final int AUDIO = 8;
    public static final int VIDEO = 9;
    public static final int DATA_AMF3 = 15;
    public static final int SHARED_OBJECT_AMF3 = 16;
    public static final int COMMAND_AMF3 = 17;
    public static final int DATA_AMF0 = 18;
    public static final int SHARED_OBJECT_AMF0 = 19;
    public static final int COMMAND_AMF0 = 20;
    public static final int AGGREGATE = 22;

    private RtmpMessageType() {
    }

    public static boolean isKnown(int type) {
        return (type >= SET_CHUNK_SIZE && type <= SET_PEER_BANDWIDTH) || type == AUDIO || type == VIDEO
                || (type >= DATA_AMF3 && type <= COMMAND_AMF0) || type == AGGREGATE;
    }
}
