package dev.parley.protocol;

/** One entry of {@link ServerEvent.RoomList}: a room and how many members it has now. */
public record RoomInfo(String room, int members) {
    public RoomInfo {
        Fields.roomName(room, "room");
        Fields.inRange(members, 0, Integer.MAX_VALUE, "members");
    }
}
